namespace ResearchBot.Slack.WebApi;

/// <summary>
/// Per-method (and, for chat.postMessage, per-channel) token buckets sized from Slack's rate-limit tiers, plus the
/// pause a 429 asks for. Only the method that was limited waits (SDOCS <c>apis/web-api/rate-limits</c>).
/// </summary>
public sealed class SlackMethodPacer(TimeProvider timeProvider)
{
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Burst size and sustained rate per minute for a method.</summary>
    public static (int Burst, double PerMinute) LimitFor(string method) => method switch
    {
        "chat.postMessage" => (3, 60), // about one message per second per channel, with short bursts
        "apps.connections.open" => (5, 1), // Tier 1
        "auth.test" => (10, 100), // special tier, generous
        "chat.unfurl" => (10, 50), // Tier 3
        _ => (5, 20), // Tier 2 as a safe default
    };

    /// <summary>Waits until a call of <paramref name="method"/> in <paramref name="scope"/> may go out, then takes a token.</summary>
    public async Task WaitAsync(string method, string? scope, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake(method, scope);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    /// <summary>Holds every call of the method until <paramref name="retryAfter"/> has passed (after a 429).</summary>
    public void Pause(string method, string? scope, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var bucket = Get(method, scope);
            var until = timeProvider.GetUtcNow() + retryAfter;
            if (until > bucket.PausedUntil)
            {
                bucket.PausedUntil = until;
            }
        }
    }

    private TimeSpan TryTake(string method, string? scope)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            var bucket = Get(method, scope);
            if (bucket.PausedUntil > now)
            {
                return bucket.PausedUntil - now;
            }

            var (burst, perMinute) = LimitFor(method);
            var perSecond = perMinute / 60d;
            bucket.Tokens = Math.Min(burst, bucket.Tokens + (now - bucket.Refilled).TotalSeconds * perSecond);
            bucket.Refilled = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds((1 - bucket.Tokens) / perSecond);
        }
    }

    private Bucket Get(string method, string? scope)
    {
        var key = scope is null ? method : method + "|" + scope;
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket { Tokens = LimitFor(method).Burst, Refilled = timeProvider.GetUtcNow() };
            _buckets[key] = bucket;
        }

        return bucket;
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }
        public DateTimeOffset Refilled { get; set; }
        public DateTimeOffset PausedUntil { get; set; }
    }
}
