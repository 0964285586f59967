namespace ResearchBot.Discord.Gateway;

/// <summary>Delays between reconnect attempts: start, double, ±250 ms jitter, cap; reset after a session is up.</summary>
public sealed class ReconnectBackoff(GatewayTuning tuning)
{
    private static readonly TimeSpan JitterRange = TimeSpan.FromMilliseconds(250);
    private int _failures;

    public TimeSpan Next()
    {
        var initial = tuning.ReconnectInitialDelay;
        if (initial <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(_failures++, 16);
        var baseDelay = TimeSpan.FromTicks(Math.Min(initial.Ticks * (1L << exponent), tuning.ReconnectMaxDelay.Ticks));
        var jitter = JitterRange * ((tuning.Random() * 2) - 1);
        var delay = baseDelay + jitter;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > tuning.ReconnectMaxDelay ? tuning.ReconnectMaxDelay : delay;
    }

    public void Reset() => _failures = 0;
}
