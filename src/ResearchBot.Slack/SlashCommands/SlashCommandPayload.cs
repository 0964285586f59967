using System.Text.Json;

namespace ResearchBot.Slack.SlashCommands;

/// <summary>
/// The slash-command fields we use (SDOCS <c>interactivity/implementing-slash-commands</c>). The deprecated
/// <c>token</c> is ignored; unknown fields are tolerated.
/// </summary>
public sealed record SlashCommandPayload(string Command, string Text, string? ResponseUrl, string UserId, string TeamId, string ChannelId)
{
    public string? TriggerId { get; init; }
    public string? EnterpriseId { get; init; }
    public string? ChannelName { get; init; }
    public string? ApiAppId { get; init; }

    /// <summary>Reads a form-decoded body; null when a required field is missing.</summary>
    public static SlashCommandPayload? FromFields(Func<string, string?> get)
    {
        var command = get("command");
        var user = get("user_id");
        var team = get("team_id");
        var channel = get("channel_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(team) || string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        return new SlashCommandPayload(command, get("text") ?? string.Empty, NullIfEmpty(get("response_url")), user, team, channel)
        {
            TriggerId = NullIfEmpty(get("trigger_id")),
            EnterpriseId = NullIfEmpty(get("enterprise_id")),
            ChannelName = NullIfEmpty(get("channel_name")),
            ApiAppId = NullIfEmpty(get("api_app_id")),
        };
    }

    /// <summary>Reads the <c>payload</c> object of a Socket Mode <c>slash_commands</c> envelope.</summary>
    public static SlashCommandPayload? FromJson(JsonElement payload) =>
        payload.ValueKind != JsonValueKind.Object
            ? null
            : FromFields(name => payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
