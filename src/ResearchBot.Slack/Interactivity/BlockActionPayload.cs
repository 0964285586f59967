using System.Text.Json;

namespace ResearchBot.Slack.Interactivity;

/// <summary>
/// The parts of a <c>block_actions</c> payload we use: who clicked where, what the element sent back (a button's
/// <c>value</c> or a select's <c>selected_option.value</c>) and where to answer. All of it is untrusted input.
/// </summary>
public sealed record BlockActionPayload(string TeamId, string ChannelId, string UserId, string? Value, string ResponseUrl)
{
    /// <summary>Null unless the payload is a block_actions click with a team, channel, user and response_url.</summary>
    public static BlockActionPayload? FromJson(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || String(payload, "type") != "block_actions")
        {
            return null;
        }

        var team = Id(payload, "team") ?? (payload.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? String(u, "team_id") : null);
        var channel = Id(payload, "channel") ?? (payload.TryGetProperty("container", out var c) && c.ValueKind == JsonValueKind.Object ? String(c, "channel_id") : null);
        var user = Id(payload, "user");
        var responseUrl = String(payload, "response_url");
        if (team is null || channel is null || user is null || responseUrl is null)
        {
            return null;
        }

        string? value = null;
        if (payload.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() == 1)
        {
            var action = actions[0];
            value = action.ValueKind != JsonValueKind.Object ? null
                : action.TryGetProperty("selected_option", out var option) && option.ValueKind == JsonValueKind.Object ? String(option, "value")
                : String(action, "value");
        }

        return new BlockActionPayload(team, channel, user, value, responseUrl);
    }

    private static string? Id(JsonElement e, string name) =>
        e.TryGetProperty(name, out var o) && o.ValueKind == JsonValueKind.Object ? String(o, "id") : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
