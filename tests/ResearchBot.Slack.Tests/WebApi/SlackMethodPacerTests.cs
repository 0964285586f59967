using Microsoft.Extensions.Time.Testing;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Tests.WebApi;

public sealed class SlackMethodPacerTests
{
    [Fact]
    public async Task WaitAsync_PostMessageBurstSpent_FourthWaitsForRefill()
    {
        var time = new FakeTimeProvider();
        var pacer = new SlackMethodPacer(time);
        for (var i = 0; i < 3; i++)
        {
            await pacer.WaitAsync("chat.postMessage", "C1", TestContext.Current.CancellationToken);
        }

        var fourth = pacer.WaitAsync("chat.postMessage", "C1", TestContext.Current.CancellationToken);
        var otherChannel = pacer.WaitAsync("chat.postMessage", "C2", TestContext.Current.CancellationToken);

        Assert.False(fourth.IsCompleted);
        Assert.True(otherChannel.IsCompleted); // pacing is per channel
        time.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Pause_After429_HoldsOnlyThatMethodUntilRetryAfter()
    {
        var time = new FakeTimeProvider();
        var pacer = new SlackMethodPacer(time);
        pacer.Pause("chat.postMessage", "C1", TimeSpan.FromSeconds(30));

        var held = pacer.WaitAsync("chat.postMessage", "C1", TestContext.Current.CancellationToken);
        var other = pacer.WaitAsync("auth.test", null, TestContext.Current.CancellationToken);

        Assert.True(other.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
