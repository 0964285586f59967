using System.Collections.Concurrent;

namespace ResearchBot.Slack.SlashCommands;

/// <summary>Answers still being worked on after their ack, so shutdown can let them finish briefly.</summary>
public sealed class FollowUpTracker
{
    private readonly ConcurrentDictionary<Task, byte> _pending = new();

    public int Count => _pending.Count;

    public void Track(Task work)
    {
        _pending.TryAdd(work, 0);
        _ = work.ContinueWith(t => _pending.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for every pending answer, or until <paramref name="cancellationToken"/> fires.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(_pending.Keys);
        await all.WaitAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
