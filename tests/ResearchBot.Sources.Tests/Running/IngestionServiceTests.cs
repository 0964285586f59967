using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
        using var service = new IngestionService([source], runner, clock, NullLogger<IngestionService>.Instance);
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
