using ResearchBot.Discord.Gateway;

namespace ResearchBot.Discord.Tests.Gateway;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_DoublesUpToTheCapAndResets()
    {
        var backoff = new ReconnectBackoff(new GatewayTuning { Random = () => 0.5 });
        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Theory]
    [InlineData(0.0, 750)]
    [InlineData(0.999999, 1250)]
    public void Next_Jitter_StaysWithin250Ms(double random, double expectedMs)
    {
        var backoff = new ReconnectBackoff(new GatewayTuning { Random = () => random });
        Assert.Equal(expectedMs, backoff.Next().TotalMilliseconds, 0);
    }
}
