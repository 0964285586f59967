using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Health;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Similarity.Tests;

/// <summary>What the bot's similarity index reports: readiness once loaded, its size, and how long the load took.</summary>
public sealed class SimilarityMetricsTests
{
    [Fact]
    public async Task EnsureReady_DemoCorpus_ReportsLoadedPublishesSizeAndRecordsOneStartupBuild()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var ct = TestContext.Current.CancellationToken;
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var size = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(meters, ResearchBotMeter.Name, "researchbot.index.papers");
        using var build = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(meters, ResearchBotMeter.Name, "researchbot.index.build.duration");
        var readiness = new ReadinessRegistry([new ReadinessComponent(LsaSimilarityIndex.ReadinessName)]);
        using var index = new LsaSimilarityIndex(f.Papers, f.Store, Microsoft.Extensions.Options.Options.Create(f.Options), TimeProvider.System,
            NullLogger<LsaSimilarityIndex>.Instance, f.Keywords, readiness: readiness, metrics: new SimilarityMetrics(meters));

        size.RecordObservableInstruments();
        var sizeBefore = size.GetMeasurementSnapshot().Count;
        var readyBefore = readiness.IsReady;
        Assert.True(await index.EnsureReadyAsync(ct));
        size.RecordObservableInstruments();

        Assert.Equal(0, sizeBefore);
        Assert.False(readyBefore);
        Assert.True(readiness.IsReady);
        Assert.StartsWith("loaded (", readiness.Snapshot().Single().Status, StringComparison.Ordinal);
        Assert.Equal(index.Engine!.Matrix.Count, size.LastMeasurement!.Value);
        Assert.True(size.LastMeasurement.Value > 100);
        var recorded = Assert.Single(build.GetMeasurementSnapshot());
        Assert.Equal("startup", recorded.Tags["trigger"]);
        Assert.True(recorded.Value > 0);
    }
}
