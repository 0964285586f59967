using Microsoft.Extensions.Time.Testing;
using ResearchBot.Sources.Http;

namespace ResearchBot.Sources.Tests.Http;

public class RequestGateTests
{
    [Fact]
    public async Task RunAsync_SecondRequest_WaitsThreeSecondsAfterTheFirstEnded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var gate = new RequestGate(TimeSpan.FromSeconds(3), clock);
        var started = new List<DateTimeOffset>();

        await gate.RunAsync(_ => { started.Add(clock.GetUtcNow()); return Task.FromResult(0); }, TestContext.Current.CancellationToken);
        var second = gate.RunAsync(_ => { started.Add(clock.GetUtcNow()); return Task.FromResult(0); }, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await second;
        Assert.Equal(TimeSpan.FromSeconds(3), started[1] - started[0]);
    }

    [Fact]
    public async Task RunAsync_ConcurrentCallers_OneRequestAtATime()
    {
        var clock = new FakeTimeProvider();
        using var gate = new RequestGate(TimeSpan.Zero, clock);
        var inFlight = 0;
        var maxInFlight = 0;
        var release = new TaskCompletionSource();

        async Task<int> Request(CancellationToken ct)
        {
            maxInFlight = Math.Max(maxInFlight, Interlocked.Increment(ref inFlight));
            await release.Task;
            Interlocked.Decrement(ref inFlight);
            return 0;
        }

        var calls = Enumerable.Range(0, 3).Select(_ => gate.RunAsync(Request, TestContext.Current.CancellationToken)).ToList();
        await Task.Yield();
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(1, maxInFlight);
    }
}
