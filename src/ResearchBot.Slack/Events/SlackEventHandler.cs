using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.SocketMode;

namespace ResearchBot.Slack.Events;

/// <summary>
/// An Events API delivery (<c>event_callback</c>) from either transport: the <c>events_api</c> envelope's payload in
/// Socket Mode, or the body of <c>POST /slack/events</c>. The transport acknowledges at once; this only starts the work.
/// Slack retries a delivery it thinks failed with the same <c>event_id</c> (Socket Mode: <c>retry_attempt</c> on the
/// envelope; HTTP: <c>X-Slack-Retry-Num</c>), so each event id is handled once within
/// <see cref="EnvelopeDeduplicator.Window"/>. Event types we do not use are acked and skipped with a log line.
/// </summary>
public sealed class SlackEventHandler(
    EnvelopeDeduplicator deduplicator,
    LinkUnfurler unfurler,
    FollowUpTracker followUps,
    IOptions<SlackOptions> options,
    ILogger<SlackEventHandler> logger)
{
    /// <summary>Starts handling and returns at once; never throws.</summary>
    /// <param name="callback">The <c>event_callback</c> object.</param>
    /// <param name="retry">Slack's retry number (0 or null for a first delivery), for the log.</param>
    /// <param name="retryReason">Slack's reason for retrying, for the log.</param>
    /// <param name="cancellationToken">The service's lifetime: the work outlives the acknowledgement.</param>
    public void Handle(JsonElement callback, int? retry, string? retryReason, CancellationToken cancellationToken)
    {
        if (callback.ValueKind != JsonValueKind.Object || String(callback, "type") != "event_callback"
            || String(callback, "event_id") is not { } eventId
            || !callback.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            Log.PayloadSkipped(logger, "Events API delivery that is not an event_callback with event and event_id");
            return;
        }

        if (!deduplicator.TryBegin("event:" + eventId))
        {
            Log.EventDuplicate(logger, eventId, retry ?? 0, retryReason ?? "none");
            return;
        }

        var type = String(e, "type") ?? "(none)";
        if (type != LinkSharedEvent.Type)
        {
            Log.EventSkipped(logger, type, eventId, "not an event this bot uses");
            return;
        }

        if (!options.Value.Unfurl)
        {
            Log.EventSkipped(logger, type, eventId, "Slack:Unfurl is off");
            return;
        }

        if (LinkSharedEvent.FromJson(e) is not { } shared)
        {
            Log.PayloadSkipped(logger, "link_shared event without links");
            return;
        }

        followUps.Track(unfurler.UnfurlAsync(shared, eventId, cancellationToken));
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
