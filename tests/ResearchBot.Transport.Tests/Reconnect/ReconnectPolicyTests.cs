using Microsoft.Extensions.Time.Testing;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Transport.Tests.Reconnect;

public sealed class ReconnectPolicyTests
{
    private static ReconnectPolicy Policy(FakeTimeProvider? time = null) =>
        new(new ExponentialReconnectStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 1), time ?? new FakeTimeProvider());

    [Fact]
    public void Next_ConsecutiveFailures_WalksTheSequenceAndCounts()
    {
        var policy = Policy();

        var delays = Enumerable.Range(0, 4).Select(_ => policy.Next().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8], delays);
        Assert.Equal(4, policy.Failures);
    }

    [Fact]
    public void Reset_AfterAGoodConnection_StartsAgainFromTheFirstDelay()
    {
        var policy = Policy();
        for (var i = 0; i < 5; i++)
        {
            policy.Next();
        }

        policy.Reset();

        Assert.Equal(0, policy.Failures);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.Next());
        Assert.Equal(1, policy.Failures);
    }

    [Fact]
    public void Next_FiniteSequence_RepeatsItsLastDelay()
    {
        var policy = new ReconnectPolicy(new FixedDelays(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9)), new FakeTimeProvider());

        var delays = Enumerable.Range(0, 4).Select(_ => policy.Next()).ToArray();

        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(9)], delays);
    }

    [Fact]
    public void Next_EmptyOrNegativeSequence_NeverWaitsANegativeTime()
    {
        Assert.Equal(TimeSpan.Zero, new ReconnectPolicy(new FixedDelays(), new FakeTimeProvider()).Next());
        Assert.Equal(TimeSpan.Zero, new ReconnectPolicy(new FixedDelays(TimeSpan.FromSeconds(-5)), new FakeTimeProvider()).Next());
    }

    [Fact]
    public async Task WaitAsync_Delay_CompletesOnlyWhenTheInjectedClockHasMoved()
    {
        var time = new FakeTimeProvider();
        var policy = Policy(time);

        var wait = policy.WaitAsync(policy.Next(), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_StopsWaiting()
    {
        var policy = Policy();
        using var cts = new CancellationTokenSource();

        var wait = policy.WaitAsync(TimeSpan.FromMinutes(1), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.WaitAsync(TimeSpan.Zero, cts.Token));
    }

    private sealed class FixedDelays(params TimeSpan[] delays) : IReconnectStrategy
    {
        public IEnumerable<TimeSpan> GetDelays() => delays;
    }
}
