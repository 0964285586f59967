using System.Diagnostics.Metrics;

namespace ResearchBot.Core.Telemetry;

/// <summary>
/// The one <see cref="Meter"/> every area records into. Each area defines its instruments in a small class of its own
/// (<c>CommandMetrics</c>, <c>AlertMetrics</c>, <c>GatewayMetrics</c>, …) created from <see cref="IMeterFactory"/>, which
/// hands them the same meter; only the executable chooses an exporter.
/// </summary>
public static class ResearchBotMeter
{
    /// <summary>The meter's name, for <c>AddMeter</c> and <c>MetricCollector</c>.</summary>
    public const string Name = "ResearchBot";

    /// <summary>
    /// Bucket bounds in seconds for the duration histograms: OpenTelemetry's default bounds (0–10,000) assume
    /// milliseconds, which would put every command into the first two buckets.
    /// </summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    /// <summary>The shared meter from <paramref name="factory"/> (the factory caches it by name).</summary>
    public static Meter Create(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Create(Name);
    }

    /// <summary>A histogram in seconds with <see cref="SecondsBuckets"/> as its advised bucket bounds.</summary>
    public static Histogram<double> SecondsHistogram(Meter meter, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }
}
