using System.Globalization;

namespace ResearchBot.Discord.Rest;

/// <summary>
/// One REST call's route. <see cref="Template"/> and <see cref="MajorParameter"/> key the rate-limit bucket
/// (Discord limits per bucket and top-level resource: channel, guild, or webhook id + token).
/// </summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string Path, string MajorParameter)
{
    /// <summary>Sent with the bot token. Interaction callbacks and webhook-token routes are not.</summary>
    public bool Authenticated { get; init; } = true;

    /// <summary>Counts toward the 50 requests/second global limit (interaction routes are exempt).</summary>
    public bool CountsTowardGlobal { get; init; } = true;

    /// <summary>Safe to repeat after a timeout or 5xx (never true for creating a message).</summary>
    public bool Idempotent => Method != HttpMethod.Post;

    public string Key => $"{Method} {Template} {MajorParameter}";

    public static DiscordRoute GatewayBot() => new(HttpMethod.Get, "/gateway/bot", "/gateway/bot", "");

    public static DiscordRoute CreateMessage(string channelId) =>
        new(HttpMethod.Post, "/channels/{channel_id}/messages", $"/channels/{Esc(channelId)}/messages", channelId);

    public static DiscordRoute BulkOverwriteCommands(string applicationId, string? guildId) => guildId is null
        ? new(HttpMethod.Put, "/applications/{application_id}/commands", $"/applications/{Esc(applicationId)}/commands", applicationId)
        : new(HttpMethod.Put, "/applications/{application_id}/guilds/{guild_id}/commands", $"/applications/{Esc(applicationId)}/guilds/{Esc(guildId)}/commands", guildId);

    public static DiscordRoute InteractionCallback(string interactionId, string token) =>
        new(HttpMethod.Post, "/interactions/{interaction_id}/{token}/callback", $"/interactions/{Esc(interactionId)}/{Esc(token)}/callback", interactionId)
        {
            Authenticated = false,
            CountsTowardGlobal = false,
        };

    public static DiscordRoute EditOriginal(string applicationId, string token) =>
        Webhook(HttpMethod.Patch, "/webhooks/{application_id}/{token}/messages/@original", $"/webhooks/{Esc(applicationId)}/{Esc(token)}/messages/@original", applicationId, token);

    public static DiscordRoute DeleteOriginal(string applicationId, string token) =>
        Webhook(HttpMethod.Delete, "/webhooks/{application_id}/{token}/messages/@original", $"/webhooks/{Esc(applicationId)}/{Esc(token)}/messages/@original", applicationId, token);

    public static DiscordRoute CreateFollowup(string applicationId, string token) =>
        Webhook(HttpMethod.Post, "/webhooks/{application_id}/{token}", $"/webhooks/{Esc(applicationId)}/{Esc(token)}", applicationId, token);

    private static DiscordRoute Webhook(HttpMethod method, string template, string path, string applicationId, string token) =>
        new(method, template, path, applicationId + "/" + token.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture))
        {
            Authenticated = false,
            CountsTowardGlobal = false,
        };

    private static string Esc(string s) => Uri.EscapeDataString(s);
}
