using System.Diagnostics.Metrics;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// Alert counts, each tagged with <c>platform</c>: <c>researchbot.alerts.queued</c> (matched and written to the outbox,
/// by storage), <c>researchbot.alerts.delivered</c>, <c>researchbot.alerts.failed</c> (also tagged <c>reason</c>:
/// <c>refused</c>, <c>gave_up</c> or <c>uncertain</c>) and <c>researchbot.alerts.retried</c> (scheduled for another try).
/// It lives in Core because the queue is filled by storage and drained by the alerts project.
/// </summary>
public sealed class AlertMetrics
{
    public const string Refused = "refused";
    public const string GaveUp = "gave_up";
    public const string Uncertain = "uncertain";

    private readonly Counter<long> _queued;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;

    public AlertMetrics(IMeterFactory meterFactory)
    {
        var meter = ResearchBotMeter.Create(meterFactory);
        _queued = meter.CreateCounter<long>("researchbot.alerts.queued", "{alert}", "Alerts matched and queued for delivery.");
        _delivered = meter.CreateCounter<long>("researchbot.alerts.delivered", "{alert}", "Alerts posted to their channel.");
        _failed = meter.CreateCounter<long>("researchbot.alerts.failed", "{alert}", "Alerts given up on, by reason.");
        _retried = meter.CreateCounter<long>("researchbot.alerts.retried", "{alert}", "Alerts whose delivery failed and was scheduled again.");
    }

    public void Queued(long count, string platform) => Add(_queued, count, platform);

    public void Delivered(long count, string platform) => Add(_delivered, count, platform);

    public void Retried(long count, string platform) => Add(_retried, count, platform);

    public void Failed(long count, string platform, string reason)
    {
        if (count > 0)
        {
            _failed.Add(count, new KeyValuePair<string, object?>("platform", platform), new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private static void Add(Counter<long> counter, long count, string platform)
    {
        if (count > 0)
        {
            counter.Add(count, new KeyValuePair<string, object?>("platform", platform));
        }
    }
}
