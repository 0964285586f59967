using Microsoft.Extensions.Logging;
using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord.Gateway;

/// <summary>
/// Paces the IDENTIFYs of every shard this process runs (protocols-interactive.md §1.6): a shard's rate-limit bucket is
/// <c>shard_id % max_concurrency</c>, and each bucket starts at most one session per <see cref="GatewayTuning.IdentifySpacing"/>
/// (5 s), so up to <c>max_concurrency</c> shards start together, bucket by bucket. It also guards the session-start
/// budget (<c>session_start_limit</c>: 1000 per 24 h across all shards; going over resets the token): when it is spent,
/// every IDENTIFY waits for <c>reset_after</c>, logged with the time left. RESUME does not count and does not wait.
/// Turns are reserved in call order, so shards that ask together are spaced deterministically (also on a fake clock).
/// </summary>
public sealed class IdentifyThrottle(TimeProvider timeProvider, GatewayTuning tuning, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, DateTimeOffset> _nextByBucket = [];
    private int _total = 1000;
    private int _remaining = 1000;
    private int _maxConcurrency = 1;
    private DateTimeOffset _resetAt = DateTimeOffset.MinValue;
    private DateTimeOffset _opensAt = DateTimeOffset.MinValue;

    /// <summary>IDENTIFYs left in the budget as far as we know.</summary>
    public int Remaining
    {
        get
        {
            lock (_lock)
            {
                return _remaining;
            }
        }
    }

    /// <summary>How many shards may start together (Discord's <c>max_concurrency</c>).</summary>
    public int MaxConcurrency
    {
        get
        {
            lock (_lock)
            {
                return _maxConcurrency;
            }
        }
    }

    /// <summary>Takes the budget from a <c>GET /gateway/bot</c> answer.</summary>
    public void Update(SessionStartLimit limit)
    {
        lock (_lock)
        {
            _total = Math.Max(1, limit.Total);
            _remaining = Math.Max(0, limit.Remaining);
            _maxConcurrency = Math.Max(1, limit.MaxConcurrency);
            _resetAt = timeProvider.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Max(0, limit.ResetAfter));
        }
    }

    /// <summary>The rate-limit bucket of a shard.</summary>
    public int BucketOf(int shardId) => shardId % MaxConcurrency;

    /// <summary>Waits for <paramref name="shardId"/>'s turn to IDENTIFY, and counts the IDENTIFY against the budget.</summary>
    public async Task WaitTurnAsync(int shardId, CancellationToken cancellationToken)
    {
        var (at, bucket, budgetWait, remaining) = Reserve(shardId);
        var wait = at - timeProvider.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (budgetWait)
        {
            Log.IdentifyBudgetSpent(logger, shardId, wait.TotalSeconds, at);
        }
        else
        {
            Log.IdentifyWaiting(logger, shardId, bucket, wait.TotalSeconds, remaining);
        }

        await Task.Delay(wait, timeProvider, cancellationToken);
    }

    private (DateTimeOffset At, int Bucket, bool BudgetWait, int Remaining) Reserve(int shardId)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var bucket = shardId % _maxConcurrency;
            var at = _nextByBucket.TryGetValue(bucket, out var next) && next > now ? next : now;
            if (_remaining <= 0)
            {
                // Spent: nobody identifies before the reset; after it the whole budget is back (until GET /gateway/bot says otherwise).
                _opensAt = _resetAt > now ? _resetAt : now;
                _remaining = _total;
                _resetAt = _opensAt + TimeSpan.FromDays(1);
            }

            var budgetWait = _opensAt > now && _opensAt >= at;
            if (_opensAt > at)
            {
                at = _opensAt;
            }

            _remaining--;
            _nextByBucket[bucket] = at + tuning.IdentifySpacing;
            return (at, bucket, budgetWait, _remaining);
        }
    }
}
