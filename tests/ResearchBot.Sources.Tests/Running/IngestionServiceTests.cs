using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Running;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Running;

public class IngestionServiceTests
{
    /// <summary>Yields one paper per run and a cursor counting the runs; can be told to fail after its first batch.</summary>
    private sealed class CountingSource(string schedule) : IPaperSource
    {
        public List<string?> CursorsSeen { get; } = [];
        public bool FailAfterFirstBatch { get; set; }
        public string Name => "counting";
        public bool Enabled => true;
        public string Schedule => schedule;

        public async IAsyncEnumerable<HarvestBatch> HarvestAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            CursorsSeen.Add(cursor);
            var n = int.Parse(cursor ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1;
            yield return new HarvestBatch([new PaperRecord { Title = $"Paper number {n} about things", Source = "test" }], 0, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Task.Yield();
            if (FailAfterFirstBatch)
            {
                throw new PaperSourceUnavailableException("down");
            }
        }
    }

    [Fact]
    public async Task Service_CronDue_RunsThePassAndTheNextRunResumesFromTheStoredCursor()
    {
        using var host = new TestHost();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 1, 0, TimeSpan.Zero));
        var source = new CountingSource("*/5 * * * *");
        var runner = host.Get<SourceRunner>();
        using var service = new IngestionService([source], runner, new SingletonJob(new InProcessJobLeases(), clock, NullLogger<SingletonJob>.Instance), clock, NullLogger<IngestionService>.Instance);
        var ct = TestContext.Current.CancellationToken;

        await service.StartAsync(ct);
        Assert.Empty(source.CursorsSeen);
        clock.Advance(TimeSpan.FromMinutes(3));
        await Task.Delay(50, ct);
        Assert.Empty(source.CursorsSeen); // not due before 12:05

        // Step the clock a minute at a time (the loop re-arms its timer asynchronously after each pass).
        for (var i = 0; i < 40 && Cursor(host) != "2"; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(25, ct);
        }

        await service.StopAsync(ct);
        Assert.Equal([null, "1"], source.CursorsSeen.Take(2));
        Assert.Equal("2", Cursor(host));
        Assert.Equal(2, await host.Get<IPaperIndex>().CountAsync(ct));
    }

    [Fact]
    public async Task Service_TwoProcessesOneDatabase_OnlyTheLeaseHolderHarvestsAndTheOtherTakesOverWhenItDies()
    {
        using var host = new TestHost();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 1, 0, TimeSpan.Zero));
        var leases = new TestKit.FakeJobLeases();
        var sourceA = new CountingSource("* * * * *");
        var sourceB = new CountingSource("* * * * *");
        var runner = host.Get<SourceRunner>();
        IngestionService Process(string name, CountingSource source) =>
            new([source], runner, new SingletonJob(leases.For(name), clock, NullLogger<SingletonJob>.Instance), clock, NullLogger<IngestionService>.Instance);
        using var a = Process("a", sourceA);
        using var b = Process("b", sourceB);
        var ct = TestContext.Current.CancellationToken;

        await a.StartAsync(ct);
        for (var i = 0; i < 100 && leases.HolderOf(SingletonJobNames.Ingestion) is null; i++)
        {
            await Task.Delay(10, ct);
        }

        await b.StartAsync(ct);
        for (var i = 0; i < 40 && Cursor(host) != "3"; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(25, ct);
        }

        Assert.Equal("a", leases.HolderOf(SingletonJobNames.Ingestion));
        Assert.Equal(3, sourceA.CursorsSeen.Count);
        Assert.Empty(sourceB.CursorsSeen);

        // a dies (kill -9: its database connection, and so its lease, ends with it); b takes the job over within 30 s
        // and resumes from the stored cursor.
        leases.Kill("a");
        await a.StopAsync(ct);
        var killedAt = clock.GetUtcNow();
        for (var i = 0; i < 60 && leases.HolderOf(SingletonJobNames.Ingestion) is null; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, ct);
        }

        Assert.Equal("b", leases.HolderOf(SingletonJobNames.Ingestion));
        Assert.True(clock.GetUtcNow() - killedAt <= TimeSpan.FromSeconds(30));
        var seenByA = sourceA.CursorsSeen.Count;
        for (var i = 0; i < 40 && Cursor(host) != "5"; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(25, ct);
        }

        await b.StopAsync(ct);
        Assert.Equal(seenByA, sourceA.CursorsSeen.Count);
        Assert.Equal("3", sourceB.CursorsSeen[0]);
        Assert.Equal("5", Cursor(host));
    }

    [Fact]
    public async Task Runner_SourceFailsAfterABatch_KeepsTheBatchAndItsCursor()
    {
        using var host = new TestHost();
        var source = new CountingSource("* * * * *") { FailAfterFirstBatch = true };
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<PaperSourceUnavailableException>(() => host.Get<SourceRunner>().RunOnceAsync(source, ct));

        Assert.Equal(1, await host.Get<IPaperIndex>().CountAsync(ct));
        Assert.Equal("1", (await host.Get<ISourceCursorStore>().GetAsync("counting", ct))!.Cursor);
    }

    private static string? Cursor(TestHost host) =>
        host.Get<ISourceCursorStore>().GetAsync("counting", CancellationToken.None).GetAwaiter().GetResult()?.Cursor;
}
