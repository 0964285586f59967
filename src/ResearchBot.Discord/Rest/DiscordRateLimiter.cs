using System.Globalization;
using System.Net.Http.Headers;

namespace ResearchBot.Discord.Rest;

/// <summary>
/// Waits before a request when its bucket is empty, when a global 429 is in force, or when the 50 requests/second
/// global cap is reached; learns buckets from the <c>X-RateLimit-*</c> headers (never hard-coded limits).
/// </summary>
public sealed class DiscordRateLimiter(TimeProvider timeProvider)
{
    public const int GlobalPerSecond = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _bucketOfRoute = [];
    private readonly Dictionary<string, Bucket> _buckets = [];
    private readonly Queue<DateTimeOffset> _recentGlobal = new();
    private DateTimeOffset _globalPausedUntil = DateTimeOffset.MinValue;

    /// <summary>Waits until the route may be called, then reserves one request of its bucket.</summary>
    public async Task WaitAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = TryReserve(route);
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    /// <summary>Records what the response's headers say about the route's bucket.</summary>
    public void Update(DiscordRoute route, HttpResponseHeaders headers)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (Header(headers, "X-RateLimit-Bucket") is { Length: > 0 } hash)
            {
                _bucketOfRoute[route.Key] = hash;
            }

            if (int.TryParse(Header(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
                && double.TryParse(Header(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
            {
                var bucket = GetBucket(route);
                bucket.Remaining = remaining;
                bucket.ResetAt = now + TimeSpan.FromSeconds(resetAfter);
            }
        }
    }

    /// <summary>After a 429: empty the bucket (or pause everything when global) for <paramref name="retryAfter"/>.</summary>
    public void Penalize(DiscordRoute route, TimeSpan retryAfter, bool global)
    {
        var until = timeProvider.GetUtcNow() + retryAfter;
        lock (_gate)
        {
            if (global)
            {
                if (until > _globalPausedUntil)
                {
                    _globalPausedUntil = until;
                }

                return;
            }

            var bucket = GetBucket(route);
            bucket.Remaining = 0;
            if (until > bucket.ResetAt)
            {
                bucket.ResetAt = until;
            }
        }
    }

    private TimeSpan TryReserve(DiscordRoute route)
    {
        var now = timeProvider.GetUtcNow();
        if (route.CountsTowardGlobal && _globalPausedUntil > now)
        {
            return _globalPausedUntil - now;
        }

        var bucket = GetBucket(route);
        if (bucket.Remaining <= 0 && bucket.ResetAt > now)
        {
            return bucket.ResetAt - now;
        }

        if (route.CountsTowardGlobal)
        {
            while (_recentGlobal.Count > 0 && now - _recentGlobal.Peek() >= TimeSpan.FromSeconds(1))
            {
                _recentGlobal.Dequeue();
            }

            if (_recentGlobal.Count >= GlobalPerSecond)
            {
                return _recentGlobal.Peek() + TimeSpan.FromSeconds(1) - now;
            }

            _recentGlobal.Enqueue(now);
        }

        if (bucket.ResetAt <= now)
        {
            // The window passed: we no longer know the remaining count, so allow until headers tell us again.
            bucket.Remaining = int.MaxValue;
        }

        bucket.Remaining--;
        return TimeSpan.Zero;
    }

    private Bucket GetBucket(DiscordRoute route)
    {
        var key = _bucketOfRoute.TryGetValue(route.Key, out var hash) ? hash + ":" + route.MajorParameter : route.Key;
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket();
            _buckets[key] = bucket;
        }

        return bucket;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed class Bucket
    {
        public int Remaining { get; set; } = int.MaxValue;
        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;
    }
}
