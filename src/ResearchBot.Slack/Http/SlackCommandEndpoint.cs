using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Http;

/// <summary>
/// <c>POST /slack/commands</c>: verify the v0 signature over the raw bytes (401 otherwise), answer <c>ssl_check</c>,
/// then hand the command to <see cref="SlashCommandHandler"/> and answer 200 within Slack's 3 s.
/// </summary>
public sealed class SlackCommandEndpoint(SlashCommandHandler handler, SlackSignatureVerifier verifier, IOptions<SlackOptions> options, ILogger<SlackCommandEndpoint> logger)
{
    public const string Path = "/slack/commands";

    /// <summary>Slash-command bodies are small; anything larger is not Slack.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext http, CancellationToken serviceStopping)
    {
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var check = verifier.Verify(options.Value.SigningSecret ?? string.Empty, http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body);
        if (check != SignatureCheck.Valid)
        {
            Log.SignatureRejected(logger, check.ToString());
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // Form-decode only after the signature matched the raw bytes.
        var form = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
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
