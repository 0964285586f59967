namespace ResearchBot.Transport.Http;

/// <summary>How the transport ring retries one named client's requests (see <see cref="TransportHttpClientBuilderExtensions"/>).</summary>
public sealed class TransportRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; set; }

    /// <summary>The first wait when the server names none (no jitter: the callers are one process, not a fleet).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    public RetryBackoff Backoff { get; set; } = RetryBackoff.Constant;

    /// <summary>Largest computed wait (a Retry-After is judged by <see cref="MaxRetryAfter"/> instead).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether a 429 is retried here. False where the adapter owns 429s (Discord's buckets, Slack's method pacer):
    /// those are protocol rules, not generic retries.
    /// </summary>
    public bool RetryTooManyRequests { get; set; }

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the response goes back to the caller.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Called before each retry (for the caller's own logging, with its own event ids).</summary>
    public Action<TransportRetry>? OnRetry { get; set; }
}

/// <summary>The growth of the wait between retries.</summary>
public enum RetryBackoff
{
    /// <summary>The same wait every time.</summary>
    Constant,

    /// <summary>Delay, 2×delay, 3×delay…</summary>
    Linear,

    /// <summary>Delay, 2×delay, 4×delay…</summary>
    Exponential,
}

/// <param name="Operation">The request's log name (<see cref="TransportRequest.OperationOf"/>).</param>
/// <param name="Failure">What went wrong, in words safe to log ("HTTP 503", "timed out", "download cut off").</param>
/// <param name="Attempt">The attempt that failed, from 1.</param>
/// <param name="Delay">The wait before the next attempt.</param>
public sealed record TransportRetry(string Operation, string Failure, int Attempt, TimeSpan Delay);
