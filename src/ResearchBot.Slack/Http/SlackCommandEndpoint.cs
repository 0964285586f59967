using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Slack.Events;
using ResearchBot.Slack.Interactivity;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Http;

/// <summary>
/// <c>POST /slack/commands</c>, <c>POST /slack/interactions</c> and <c>POST /slack/events</c>: verify the v0 signature
/// over the raw bytes (401 otherwise), answer <c>ssl_check</c> and <c>url_verification</c>, then hand the command to
/// <see cref="SlashCommandHandler"/> (the click to <see cref="BlockActionHandler"/>, the event to
/// <see cref="SlackEventHandler"/>) and answer 200 within Slack's 3 s.
/// </summary>
public sealed class SlackCommandEndpoint(SlashCommandHandler handler, BlockActionHandler interactions, SlackEventHandler events, SlackSignatureVerifier verifier, IOptions<SlackOptions> options, ILogger<SlackCommandEndpoint> logger)
{
    public const string Path = "/slack/commands";

    /// <summary>
    /// The largest body read. Slash commands are small, but an interaction or message-shortcut payload carries the
    /// whole message (up to 50 blocks of 3,000 characters, form-encoded), well over 64 KiB; Socket Mode reads
    /// envelopes up to the same 1 MiB.
    /// </summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary><c>POST /slack/interactions</c>: button clicks and menu picks, the form field <c>payload</c>.</summary>
    public const string InteractionsPath = "/slack/interactions";

    /// <summary><c>POST /slack/events</c>: the Events API (a JSON body), here <c>link_shared</c> for unfurling.</summary>
    public const string EventsPath = "/slack/events";

    public async Task HandleAsync(HttpContext http, CancellationToken serviceStopping)
    {
        if (await ReadSignedFormAsync(http) is not { } form)
        {
            return;
        }

        string? Get(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        if (Get("ssl_check") == "1")
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var payload = SlashCommandPayload.FromFields(Get);
        if (payload is null)
        {
            Log.PayloadSkipped(logger, "slash command without command/user_id/team_id/channel_id");
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var answer = await handler.HandleAsync(payload, serviceStopping);
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (answer is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, answer, SlackJson.Options, http.RequestAborted);
        }
    }

    /// <summary>Acknowledges a click at once (200, empty); its answer follows through the payload's response_url.</summary>
    public async Task HandleInteractionAsync(HttpContext http, CancellationToken serviceStopping)
    {
        if (await ReadSignedFormAsync(http) is not { } form)
        {
            return;
        }

        JsonElement payload;
        try
        {
            using var doc = JsonDocument.Parse(form.TryGetValue("payload", out var p) ? p.ToString() : "");
            payload = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            Log.PayloadSkipped(logger, "interaction without a JSON payload field");
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        interactions.Handle(payload, serviceStopping);
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// An Events API request: <c>url_verification</c> is answered with its challenge; an <c>event_callback</c> is
    /// acknowledged with an empty 200 at once and handled afterwards (a retry, <c>X-Slack-Retry-Num</c>, is handled
    /// only if its <c>event_id</c> was not seen); anything else gets 200 and a log line, so Slack does not retry it.
    /// </summary>
    public async Task HandleEventAsync(HttpContext http, CancellationToken serviceStopping)
    {
        if (await ReadSignedBodyAsync(http) is not { } body)
        {
            return;
        }

        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            Log.PayloadSkipped(logger, "Events API request whose body is not JSON");
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "url_verification")
        {
            var challenge = root.TryGetProperty("challenge", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (string.IsNullOrEmpty(challenge))
            {
                Log.PayloadSkipped(logger, "url_verification without a challenge");
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            Log.UrlVerified(logger);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, new { challenge }, SlackJson.Options, http.RequestAborted);
            return;
        }

        if (type == "event_callback")
        {
            var retry = int.TryParse(http.Request.Headers["X-Slack-Retry-Num"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            string? reason = http.Request.Headers["X-Slack-Retry-Reason"];
            events.Handle(root, retry, reason, serviceStopping);
        }
        else
        {
            Log.PayloadSkipped(logger, $"Events API request of type {(type is null ? "(none)" : Truncate(type))}");
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The form, once the v0 signature matched the raw bytes; null (and the status set) otherwise.</summary>
    private async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>?> ReadSignedFormAsync(HttpContext http) =>
        // Form-decode only after the signature matched the raw bytes.
        await ReadSignedBodyAsync(http) is { } body ? QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body)) : null;

    /// <summary>The raw body, once the v0 signature matched it; null (and the status set) otherwise.</summary>
    private async Task<byte[]?> ReadSignedBodyAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        var check = verifier.Verify(options.Value.SigningSecret ?? string.Empty, http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body);
        if (check != SignatureCheck.Valid)
        {
            Log.SignatureRejected(logger, check.ToString());
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        return body;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40];

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
