using System.Collections.Concurrent;

namespace ResearchBot.Sources.Tests.Support;

/// <summary>
/// Real clock, but every timer fires at once and records the delay asked for (to check back-off and Retry-After) —
/// except timers of exactly <see cref="RealTimeout"/>, the per-attempt request timeout, which run on the real clock
/// so that a request to the loopback server is not cut off by the fake.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    /// <summary>Set by <see cref="TestHost"/> from <c>Sources:Http:Timeout</c>.</summary>
    public TimeSpan? RealTimeout { get; set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == RealTimeout)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
        }

        return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }
}
