using System.Net;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Papers;

namespace ResearchBot.Sources.Http;

/// <summary>
/// GETs for one source: every attempt passes the source's <see cref="RequestGate"/>; 429, 5xx, timeouts and
/// cut-off bodies are retried with back-off (honouring <c>Retry-After</c>) up to a bounded number of attempts.
/// Other statuses come back to the caller, which knows whether the body is an error report (arXiv's Atom errors).
/// </summary>
public sealed class SourceHttp(
    string source,
    HttpClient client,
    RequestGate gate,
    HttpRetryOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    public string Source { get; } = source;

    /// <exception cref="PaperSourceUnavailableException">Every attempt failed, or the server asked to wait too long.</exception>
    public async Task<SourceResponse> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                var (status, body, after) = await gate.RunAsync(ct => SendOnceAsync(uri, ct), cancellationToken);
                if (!IsTransient(status))
                {
                    return new SourceResponse(status, body);
                }

                retryAfter = after;
                failure = $"HTTP {(int)status}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "timed out";
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                failure = ex is HttpIOException ? "download cut off" : "connection failed";
            }

            if (attempt >= options.MaxAttempts)
            {
                Log.SourceGaveUp(logger, Source, uri.GetLeftPart(UriPartial.Path), attempt, failure);
                throw new PaperSourceUnavailableException($"{Source} is not answering right now ({failure}); try again later.");
            }

            var delay = retryAfter ?? options.BaseDelay * Math.Pow(2, attempt - 1);
            if (delay > options.MaxRetryAfter)
            {
                Log.SourceGaveUp(logger, Source, uri.GetLeftPart(UriPartial.Path), attempt, $"{failure}, asked to wait {delay.TotalSeconds:0} s");
                throw new PaperSourceUnavailableException($"{Source} is rate-limiting us; try again in {Math.Ceiling(delay.TotalMinutes)} min.");
            }

            Log.SourceRetrying(logger, Source, failure, attempt, delay.TotalSeconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    private async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> SendOnceAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        return (response.StatusCode, body, RetryAfter(response));
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } h)
        {
            return null;
        }

        if (h.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (h.Date is { } date)
        {
            var d = date - timeProvider.GetUtcNow();
            return d < TimeSpan.Zero ? TimeSpan.Zero : d;
        }

        return null;
    }
}
