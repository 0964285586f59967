using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Transport.Http;

namespace ResearchBot.Discord.Rest;

/// <summary>
/// Sends REST requests with the bot token, the documented User-Agent and rate-limit handling. 429s are this
/// client's (Discord's buckets and global limit, a protocol rule): retried a bounded number of times after
/// <c>retry_after</c>. Timeouts and 5xx are the transport ring's, which retries only routes marked idempotent
/// (registered in <see cref="DiscordServiceCollectionExtensions"/>).
/// </summary>
public sealed class DiscordRestClient(HttpClient http, DiscordRateLimiter limiter, IOptions<DiscordOptions> options, ILogger<DiscordRestClient> logger)
{
    public const string UserAgent = "DiscordBot (https://github.com/researchbot/researchbot, 1.0)";

    /// <summary>Retries of an idempotent route after a timeout, a connection failure or a 5xx (1 s, then 2 s).</summary>
    public const int MaxServerErrorRetries = 2;

    private volatile bool _tokenRejected;

    /// <summary>True once Discord answered 401 to the bot token; further authenticated calls fail without a request.</summary>
    public bool TokenRejected => _tokenRejected;

    /// <summary>Sends one request; <paramref name="content"/> builds a fresh body for each rate-limited retry. Returns the JSON body, if any.</summary>
    public async Task<JsonElement?> SendAsync(DiscordRoute route, Func<HttpContent?> content, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (route.Authenticated && _tokenRejected)
        {
            throw new DiscordApiException("The bot token was rejected earlier (401); not sending more requests with it.", 401);
        }

        var rateLimited = 0;
        while (true)
        {
            await limiter.WaitAsync(route, cancellationToken);
            using var request = new HttpRequestMessage(route.Method, o.ApiBaseUrl.TrimEnd('/') + route.Path) { Content = content() };
            request.WithIdempotency(route.Idempotent).WithOperation(route.Template);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (route.Authenticated)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", o.Token);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or IOException)
            {
                var timedOut = TransportFailure.IsTimeout(ex);
                throw new DiscordApiException($"{route.Method} {route.Template} {(timedOut ? "timed out" : "failed")}", 0, timedOut: true, inner: ex);
            }

            using (response)
            {
                limiter.Update(route, response.Headers);
                var body = await ReadJsonAsync(response, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                var status = (int)response.StatusCode;
                var code = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : (int?)null;
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var (retryAfter, global) = ReadRetryAfter(response, body);
                    limiter.Penalize(route, retryAfter, global);
                    Log.RateLimited(logger, route.Template, retryAfter.TotalMilliseconds, global, rateLimited + 1);
                    if (rateLimited++ >= o.MaxRateLimitRetries || retryAfter > o.MaxRateLimitWait)
                    {
                        throw new DiscordApiException($"{route.Method} {route.Template} is rate limited for {retryAfter.TotalSeconds:0.###} s", 429, code, retryAfter);
                    }

                    continue; // the limiter holds the retry until retry_after has passed
                }

                if (status == 401 && route.Authenticated)
                {
                    _tokenRejected = true;
                    Log.TokenRejected(logger);
                }

                var message = body is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("message", out var mm) && mm.ValueKind == JsonValueKind.String ? mm.GetString() : response.ReasonPhrase;
                Log.RestFailed(logger, route.Method.Method, route.Template, status, code);
                throw new DiscordApiException($"{route.Method} {route.Template} failed: {status} {message} (code {code?.ToString(CultureInfo.InvariantCulture) ?? "none"})", status, code);
            }
        }
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body's <c>retry_after</c> (float seconds) wins over the <c>Retry-After</c> header (whole seconds).</summary>
    private static (TimeSpan RetryAfter, bool Global) ReadRetryAfter(HttpResponseMessage response, JsonElement? body)
    {
        double? seconds = null;
        var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        if (body is { ValueKind: JsonValueKind.Object } b)
        {
            if (b.TryGetProperty("retry_after", out var ra) && ra.ValueKind == JsonValueKind.Number && ra.TryGetDouble(out var d))
            {
                seconds = d;
            }

            if (b.TryGetProperty("global", out var gl) && gl.ValueKind == JsonValueKind.True)
            {
                global = true;
            }
        }

        if (seconds is null && response.Headers.RetryAfter?.Delta is { } delta)
        {
            seconds = delta.TotalSeconds;
        }

        // No usable hint: wait a full second rather than retrying in a tight loop.
        var wait = TimeSpan.FromSeconds(seconds is > 0 and < 86_400 ? seconds.Value : 1);
        return (wait, global);
    }
}
