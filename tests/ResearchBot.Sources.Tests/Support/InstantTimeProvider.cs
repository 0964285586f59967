using System.Collections.Concurrent;

namespace ResearchBot.Sources.Tests.Support;

/// <summary>Real clock, but every timer fires at once; records the delays asked for (to check back-off and Retry-After).</summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
        }

        return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }
}
