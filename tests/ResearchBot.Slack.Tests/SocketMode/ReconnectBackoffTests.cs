using ResearchBot.Slack.SocketMode;

namespace ResearchBot.Slack.Tests.SocketMode;

public sealed class ReconnectBackoffTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Next_ConsecutiveFailures_DoublesWithinHalfToFullAndCaps(double random)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => random);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds).ToList();

        double[] ceilings = [1, 2, 4, 8, 16, 30, 30, 30];
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i], ceilings[i] / 2, ceilings[i]);
        }
    }

    [Fact]
    public void Next_DifferentRandomDraws_DifferentDelays()
    {
        var low = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), () => 0.1).Next();
        var high = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), () => 0.9).Next();

        Assert.NotEqual(low, high); // jitter: two bots that failed together do not retry together
    }

    [Fact]
    public void Reset_AfterSuccess_StartsAgainFromInitial()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), () => 1);
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
        Assert.Equal(1, backoff.Failures);
    }
}
