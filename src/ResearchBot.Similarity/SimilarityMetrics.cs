using System.Diagnostics.Metrics;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Similarity;

/// <summary>
/// <c>researchbot.index.papers</c> (observable gauge: papers in the loaded similarity index; no value before the first
/// load) and <c>researchbot.index.build.duration</c> (seconds to load or fit it, tagged <c>trigger</c>: <c>startup</c>
/// or <c>refit</c>).
/// </summary>
public sealed class SimilarityMetrics
{
    public const string Startup = "startup";
    public const string Refit = "refit";

    private readonly Meter _meter;
    private readonly Histogram<double> _build;

    public SimilarityMetrics(IMeterFactory meterFactory)
    {
        _meter = ResearchBotMeter.Create(meterFactory);
        _build = ResearchBotMeter.SecondsHistogram(_meter, "researchbot.index.build.duration", "Time to load or fit the similarity index, by trigger.");
    }

    /// <summary>Publishes <paramref name="papers"/> (null while nothing is loaded) as <c>researchbot.index.papers</c>.</summary>
    public void ObservePapers(Func<int?> papers)
    {
        ArgumentNullException.ThrowIfNull(papers);
        _meter.CreateObservableGauge("researchbot.index.papers", () => papers() is { } n ? [new Measurement<long>(n)] : Array.Empty<Measurement<long>>(), "{paper}", "Papers in the loaded similarity index.");
    }

    public void Built(string trigger, TimeSpan elapsed) =>
        _build.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("trigger", trigger));
}
