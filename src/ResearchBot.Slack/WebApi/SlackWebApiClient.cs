using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Transport.Http;

namespace ResearchBot.Slack.WebApi;

/// <summary>
/// The few Slack Web API methods the bot uses. <c>ok:false</c> becomes <see cref="SlackApiException"/>; a 429 waits
/// <c>Retry-After</c> within <see cref="SlackOptions.RateLimitBudget"/> (with the method pacer: a protocol rule);
/// timeouts and 5xx are retried by the transport ring only for methods marked idempotent, never for
/// chat.postMessage (a blind retry is how duplicate alerts happen).
/// </summary>
public sealed class SlackWebApiClient(HttpClient http, IOptions<SlackOptions> options, SlackMethodPacer pacer, TimeProvider timeProvider, ILogger<SlackWebApiClient> logger)
{
    /// <summary>Retries of an idempotent method after a timeout, a connection failure or a 5xx (1 s apart).</summary>
    public const int IdempotentRetries = 2;

    /// <summary>Who the bot token belongs to; fails with <c>invalid_auth</c> and friends on bad credentials.</summary>
    public async Task<AuthTestResponse> AuthTestAsync(CancellationToken cancellationToken)
    {
        using var doc = await CallAsync("auth.test", null, BotToken, idempotent: true, scope: null, cancellationToken);
        return doc.RootElement.Deserialize<AuthTestResponse>(SlackJson.Options)!;
    }

    /// <summary>A single-use Socket Mode WebSocket URL (<c>apps.connections.open</c>, app-level token).</summary>
    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        using var doc = await CallAsync("apps.connections.open", null, options.Value.AppToken ?? string.Empty, idempotent: true, scope: null, cancellationToken);
        var url = doc.RootElement.TryGetProperty("url", out var u) ? u.GetString() : null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("wss" or "ws"))
        {
            throw new SlackApiException("apps.connections.open", "invalid_url_in_response");
        }

        return uri;
    }

    /// <summary>Posts a message; never retried after a timeout (see <see cref="SlackTransportException.MayHaveBeenDelivered"/>).</summary>
    public async Task<ChatPostMessageResponse> PostMessageAsync(ChatPostMessageRequest request, CancellationToken cancellationToken)
    {
        using var doc = await CallAsync("chat.postMessage", request, BotToken, idempotent: false, scope: request.Channel, cancellationToken);
        return doc.RootElement.Deserialize<ChatPostMessageResponse>(SlackJson.Options)!;
    }

    /// <summary>
    /// Attaches link previews to a message or to a link in the composer (<c>chat.unfurl</c>, Tier 3). Safe to repeat:
    /// a second call for the same link replaces its preview rather than adding one, so transport failures are retried.
    /// </summary>
    public async Task UnfurlAsync(ChatUnfurlRequest request, CancellationToken cancellationToken)
    {
        using var _ = await CallAsync("chat.unfurl", request, BotToken, idempotent: true, scope: null, cancellationToken);
    }

    /// <summary>
    /// Shares a file in a channel the way Slack now requires (files.upload is retired): files.getUploadURLExternal, the
    /// bytes POSTed to the returned URL (without our token: it is pre-signed), then files.completeUploadExternal. Needs
    /// the <c>files:write</c> scope; Slack's refusal (e.g. <c>missing_scope</c>, <c>not_in_channel</c>) is a <see cref="SlackApiException"/>.
    /// </summary>
    public async Task UploadFileAsync(string channelId, string fileName, ReadOnlyMemory<byte> content, string? title, CancellationToken cancellationToken)
    {
        string uploadUrl, fileId;
        using (var ticket = await CallAsync("files.getUploadURLExternal", new FormFields(
            [new("filename", fileName), new("length", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. title is null ? [] : (KeyValuePair<string, string>[])[new("alt_txt", title)]]),
            BotToken, idempotent: true, scope: null, cancellationToken))
        {
            var root = ticket.RootElement;
            uploadUrl = root.TryGetProperty("upload_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
            fileId = root.TryGetProperty("file_id", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
        }

        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var target) || target.Scheme is not ("https" or "http") || fileId.Length == 0)
        {
            throw new SlackApiException("files.getUploadURLExternal", "invalid_upload_ticket");
        }

        await SendBytesAsync(target, fileName, content, cancellationToken);
        var files = JsonSerializer.Serialize(new[] { new UploadedFile(fileId, title ?? fileName) }, SlackJson.Options);
        using var _ = await CallAsync("files.completeUploadExternal", new FormFields([new("files", files), new("channel_id", channelId)]),
            BotToken, idempotent: false, scope: channelId, cancellationToken);
    }

    private async Task SendBytesAsync(Uri target, string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ReadOnlyMemoryContent(content) };
        request.WithIdempotency(false).WithOperation("file upload");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SlackTransportException("file upload", $"HTTP {(int)response.StatusCode} for {fileName}", mayHaveBeenDelivered: false);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SlackTransportException("file upload", ex is OperationCanceledException ? "timeout" : "connection failed", mayHaveBeenDelivered: false, ex);
        }
    }

    private string BotToken => options.Value.BotToken ?? string.Empty;

    /// <summary>A form-encoded body, for the methods whose arguments Slack documents as form fields.</summary>
    private sealed record FormFields(IReadOnlyList<KeyValuePair<string, string>> Fields);

    private sealed record UploadedFile(string Id, string Title);

    private async Task<JsonDocument> CallAsync(string method, object? body, string token, bool idempotent, string? scope, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            await pacer.WaitAsync(method, scope, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.ApiBaseUrl.TrimEnd('/') + "/" + method);
            request.WithIdempotency(idempotent).WithOperation(method);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Content = body is FormFields form
                ? new FormUrlEncodedContent(form.Fields)
                : new StringContent(body is null ? "{}" : JsonSerializer.Serialize(body, body.GetType(), SlackJson.Options), Encoding.UTF8, "application/json");

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Idempotent methods were already retried by the transport ring. A refused connection never reached
                // Slack; a timeout or reset mid-request might have.
                var reached = ex is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                throw new SlackTransportException(method, ex is OperationCanceledException ? "timeout" : "connection failed", reached, ex);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var retryAfter = RetryAfter.Read(response, timeProvider.GetUtcNow()) is { } d && d > TimeSpan.Zero ? d : TimeSpan.FromSeconds(1);
                    pacer.Pause(method, scope, retryAfter);
                    if (waited + retryAfter > options.Value.RateLimitBudget)
                    {
                        Log.WebApiRateLimitGaveUp(logger, method, retryAfter.TotalSeconds);
                        throw new SlackRateLimitedException(method, retryAfter);
                    }

                    Log.WebApiRateLimited(logger, method, retryAfter.TotalSeconds);
                    waited += retryAfter;
                    continue; // the pacer holds the call until Retry-After has passed; a 429 was not processed, so a retry is safe
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new SlackTransportException(method, $"HTTP {(int)response.StatusCode}", mayHaveBeenDelivered: (int)response.StatusCode >= 500);
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(text);
                }
                catch (JsonException ex)
                {
                    throw new SlackTransportException(method, "response was not JSON", mayHaveBeenDelivered: true, ex);
                }

                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
                {
                    var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "unknown_error";
                    doc.Dispose();
                    Log.WebApiError(logger, method, error);
                    throw new SlackApiException(method, error);
                }

                if (root.TryGetProperty("warning", out var warning) && warning.ValueKind == JsonValueKind.String)
                {
                    Log.WebApiWarning(logger, method, warning.GetString()!);
                }

                return doc;
            }
        }
    }
}
