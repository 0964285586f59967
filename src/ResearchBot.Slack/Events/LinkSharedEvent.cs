using System.Collections.Immutable;
using System.Text.Json;

namespace ResearchBot.Slack.Events;

/// <summary>
/// The parts of a <c>link_shared</c> event we use (api.slack.com <c>events/link_shared</c>). A link typed in the
/// composer comes with <c>source:"composer"</c>, channel <c>COMPOSER</c> and a <c>message_ts</c> that is no timestamp;
/// only its <c>unfurl_id</c> can target it. All of it is untrusted input.
/// </summary>
public sealed record LinkSharedEvent(string? Channel, string? MessageTs, string? UnfurlId, string? Source, ImmutableArray<string> Urls)
{
    public const string Type = "link_shared";

    /// <summary>True when the link is still in the message composer (not posted yet).</summary>
    public bool InComposer => Source == "composer" || Channel == "COMPOSER";

    /// <summary>Null unless the event is a link_shared with at least one link URL.</summary>
    public static LinkSharedEvent? FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || String(e, "type") != Type
            || !e.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var urls = links.EnumerateArray()
            .Select(l => l.ValueKind == JsonValueKind.Object ? String(l, "url") : null)
            .OfType<string>()
            .ToImmutableArray();
        return urls.IsEmpty ? null : new LinkSharedEvent(String(e, "channel"), String(e, "message_ts"), String(e, "unfurl_id"), String(e, "source"), urls);
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
