using Microsoft.Extensions.Time.Testing;
using ResearchBot.Slack.SocketMode;

namespace ResearchBot.Slack.Tests.SocketMode;

public sealed class EnvelopeDeduplicatorTests
{
    [Fact]
    public void TryBegin_SameEnvelopeTwice_SecondRefused()
    {
        var dedupe = new EnvelopeDeduplicator(new FakeTimeProvider());

        Assert.True(dedupe.TryBegin("envelope:1", "trigger:a"));
        Assert.False(dedupe.TryBegin("envelope:1", "trigger:a"));
    }

    [Fact]
    public void TryBegin_NewEnvelopeIdSameTrigger_Refused()
    {
        var dedupe = new EnvelopeDeduplicator(new FakeTimeProvider());
        dedupe.TryBegin("envelope:1", "trigger:a");

        Assert.False(dedupe.TryBegin("envelope:2", "trigger:a"));
    }

    [Fact]
    public void TryBegin_AfterWindow_ForgottenAndAcceptedAgain()
    {
        var time = new FakeTimeProvider();
        var dedupe = new EnvelopeDeduplicator(time);
        dedupe.TryBegin("envelope:1", null);

        time.Advance(EnvelopeDeduplicator.Window + TimeSpan.FromSeconds(1));

        Assert.True(dedupe.TryBegin("envelope:1", null));
    }
}
