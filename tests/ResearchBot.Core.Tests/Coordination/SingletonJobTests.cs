using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Coordination;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Coordination;

public sealed class SingletonJobTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeJobLeases _leases = new();

    private SingletonJob Process(string name) => new(_leases.For(name), _clock, NullLogger<SingletonJob>.Instance);

    /// <summary>Work that records which process runs, until its token fires.</summary>
    private static Func<CancellationToken, Task> Work(string process, List<string> log) => async ct =>
    {
        lock (log)
        {
            log.Add(process + " started");
        }

        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        finally
        {
            lock (log)
            {
                log.Add(process + " stopped");
            }
        }
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "condition not reached in time");
    }

    [Fact]
    public async Task RunAsync_ThreeProcesses_OnlyTheHolderRuns()
    {
        var log = new List<string>();
        using var stop = new CancellationTokenSource();
        var runs = new[] { "a", "b", "c" }.Select(p => Process(p).RunAsync("ingestion", Work(p, log), stop.Token)).ToList();

        await WaitUntilAsync(() => log.Count == 1);
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(SingletonJob.PollInterval);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var holder = _leases.HolderOf("ingestion");
        Assert.NotNull(holder);
        Assert.Equal([holder + " started"], log);
        await stop.CancelAsync();
        foreach (var run in runs)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task RunAsync_HolderLosesItsLease_ItsWorkStopsAndAnotherProcessTakesOverWithin30Seconds()
    {
        var log = new List<string>();
        using var stop = new CancellationTokenSource();
        var a = Process("a").RunAsync("refit", Work("a", log), stop.Token);
        await WaitUntilAsync(() => log.Count == 1);
        var b = Process("b").RunAsync("refit", Work("b", log), stop.Token);
        await WaitUntilAsync(() => _leases.Attempts >= 2);

        _leases.Kill("a");
        await WaitUntilAsync(() => log.Contains("a stopped"));
        var lostAt = _clock.GetUtcNow();
        var a2 = Process("a2").RunAsync("refit", Work("a2", log), stop.Token); // a restarted process competes too
        while (_leases.HolderOf("refit") is null && _clock.GetUtcNow() - lostAt < TimeSpan.FromSeconds(60))
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var holder = _leases.HolderOf("refit");
        Assert.NotNull(holder);
        Assert.True(_clock.GetUtcNow() - lostAt <= TimeSpan.FromSeconds(30), $"took over after {_clock.GetUtcNow() - lostAt}");
        await WaitUntilAsync(() => log.Contains(holder + " started"));
        Assert.Equal(["a started", "a stopped", holder + " started"], log);
        await stop.CancelAsync();
        await Task.WhenAll(a, b, a2).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task RunAsync_WorkThatReturnsQuietlyWhenLost_IsStartedAgainOnceTheLeaseIsBack()
    {
        var starts = 0;
        using var stop = new CancellationTokenSource();
        var run = Process("a").RunAsync("ingestion", async ct =>
        {
            Interlocked.Increment(ref starts);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Like IngestionService's loops: a cancelled wait ends the loop without throwing.
            }
        }, stop.Token);
        await WaitUntilAsync(() => starts == 1);

        _leases.Kill("a");
        for (var i = 0; i < 50 && starts < 2; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, starts);
        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken); // the work returned: so does the run
    }

    [Fact]
    public async Task TryRunOnceAsync_HeldElsewhere_SkipsWithoutRunning()
    {
        await using var held = await _leases.For("other").TryAcquireAsync("similarity-fit", TestContext.Current.CancellationToken);
        var ran = false;

        var result = await Process("me").TryRunOnceAsync("similarity-fit", _ => { ran = true; return Task.CompletedTask; }, TestContext.Current.CancellationToken);

        Assert.False(result);
        Assert.False(ran);
    }

    [Fact]
    public async Task InProcessJobLeases_GrantsEachJobToOneHolderUntilDisposed()
    {
        var leases = new InProcessJobLeases();
        var first = await leases.TryAcquireAsync("ingestion", TestContext.Current.CancellationToken);
        Assert.NotNull(first);
        Assert.Null(await leases.TryAcquireAsync("ingestion", TestContext.Current.CancellationToken));
        Assert.NotNull(await leases.TryAcquireAsync("similarity-fit", TestContext.Current.CancellationToken));
        Assert.False(first.Lost.CanBeCanceled);

        await first.DisposeAsync();
        await first.DisposeAsync(); // twice is harmless
        Assert.NotNull(await leases.TryAcquireAsync("ingestion", TestContext.Current.CancellationToken));
    }
}
