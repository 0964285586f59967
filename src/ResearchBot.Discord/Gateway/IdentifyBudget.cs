using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord.Gateway;

/// <summary>
/// Guards the IDENTIFY budget (<c>session_start_limit</c>: 1000 per 24 h; going over resets the token) and the
/// spacing between IDENTIFYs, so a crash loop cannot burn it. RESUME does not count.
/// </summary>
public sealed class IdentifyBudget(TimeProvider timeProvider, GatewayTuning tuning)
{
    private int _remaining = 1000;
    private DateTimeOffset _resetAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastIdentify = DateTimeOffset.MinValue;

    public int Remaining => _remaining;

    public void Update(SessionStartLimit limit)
    {
        _remaining = limit.Remaining;
        _resetAt = timeProvider.GetUtcNow() + TimeSpan.FromMilliseconds(limit.ResetAfter);
    }

    /// <summary>How long to wait before the next IDENTIFY may be sent (zero when it may go now).</summary>
    public TimeSpan WaitTime()
    {
        var now = timeProvider.GetUtcNow();
        if (_remaining <= 0 && _resetAt > now)
        {
            return _resetAt - now;
        }

        var spaced = _lastIdentify + tuning.IdentifySpacing;
        return spaced > now ? spaced - now : TimeSpan.Zero;
    }

    public void Consume()
    {
        var now = timeProvider.GetUtcNow();
        if (_remaining <= 0 && _resetAt <= now)
        {
            _remaining = 1000;
        }

        _remaining--;
        _lastIdentify = now;
    }
}
