using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Discord.Rendering;

namespace ResearchBot.Discord.Rest;

/// <summary>The typed Discord routes ResearchBot uses.</summary>
public sealed class DiscordApi(DiscordRestClient rest)
{
    public DiscordRestClient Rest => rest;

    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var body = await rest.SendAsync(DiscordRoute.GatewayBot(), () => null, cancellationToken)
            ?? throw new DiscordApiException("GET /gateway/bot returned no body", 200);
        return body.Deserialize<GatewayBotInfo>(DiscordJson.Options) ?? throw new DiscordApiException("GET /gateway/bot returned an unexpected body", 200);
    }

    public Task BulkOverwriteCommandsAsync(string applicationId, string? guildId, JsonArray commands, CancellationToken cancellationToken) =>
        rest.SendAsync(DiscordRoute.BulkOverwriteCommands(applicationId, guildId), () => Json(commands), cancellationToken);

    public Task CreateInteractionResponseAsync(string interactionId, string token, JsonObject callback, CancellationToken cancellationToken) =>
        rest.SendAsync(DiscordRoute.InteractionCallback(interactionId, token), () => Json(callback), cancellationToken);

    /// <summary>Fills or edits the deferred reply (<c>PATCH …/messages/@original</c>).</summary>
    public Task EditOriginalAsync(string applicationId, string token, DiscordMessage message, CancellationToken cancellationToken) =>
        rest.SendAsync(DiscordRoute.EditOriginal(applicationId, token), () => MessageContent(message), cancellationToken);

    public Task DeleteOriginalAsync(string applicationId, string token, CancellationToken cancellationToken) =>
        rest.SendAsync(DiscordRoute.DeleteOriginal(applicationId, token), () => null, cancellationToken);

    public Task CreateFollowupAsync(string applicationId, string token, DiscordMessage message, CancellationToken cancellationToken) =>
        rest.SendAsync(DiscordRoute.CreateFollowup(applicationId, token), () => MessageContent(message), cancellationToken);

    public Task CreateMessageAsync(string channelId, DiscordMessage message, CancellationToken cancellationToken) =>
        rest.SendAsync(DiscordRoute.CreateMessage(channelId), () => MessageContent(message), cancellationToken);

    /// <summary>JSON when there are no files; otherwise multipart with <c>payload_json</c> and <c>files[n]</c>.</summary>
    public static HttpContent MessageContent(DiscordMessage message)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(message, DiscordJson.Options);
        if (message.Files.IsDefaultOrEmpty)
        {
            return JsonBytes(json);
        }

        var multipart = new MultipartFormDataContent();
        multipart.Add(JsonBytes(json), "payload_json");
        for (var i = 0; i < message.Files.Length; i++)
        {
            var file = message.Files[i];
            var part = new ReadOnlyMemoryContent(file.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            multipart.Add(part, $"files[{i}]", file.FileName);
        }

        return multipart;
    }

    private static ByteArrayContent JsonBytes(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static ByteArrayContent Json(JsonNode node) => JsonBytes(JsonSerializer.SerializeToUtf8Bytes(node, DiscordJson.Options));
}
