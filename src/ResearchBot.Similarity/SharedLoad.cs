namespace ResearchBot.Similarity;

/// <summary>
/// A load that many callers share (an index's model and vectors): started once, on the owner's lifetime and never on
/// the token of whichever caller happened to start it, and awaited by each caller with its own token, so a caller that
/// gives up stops waiting without cancelling the load for the others. A load that failed or was cancelled, or whose
/// result <paramref name="keep"/> rejects, is started again by the next caller. Failures are observed here and seen by
/// every awaiter.
/// </summary>
/// <param name="load">The work, given the owner's lifetime token.</param>
/// <param name="keep">Whether a completed result is kept for later callers (null: always).</param>
internal sealed class SharedLoad<T>(Func<CancellationToken, Task<T>> load, Func<T, bool>? keep = null) : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _lock = new();
    private Task<T>? _current;
    private int _disposed;

    /// <summary>The running or kept load; a new one when there is none worth keeping.</summary>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> current;
        lock (_lock)
        {
            if (_current is not { } c || c.IsFaulted || c.IsCanceled || (c.IsCompletedSuccessfully && keep is not null && !keep(c.Result)))
            {
                _current = Start();
            }

            current = _current;
        }

        return current.WaitAsync(cancellationToken);
    }

    /// <summary>Starts a new load in place of the current one (a newer model was stored) and waits for it.</summary>
    public Task<T> RestartAsync(CancellationToken cancellationToken)
    {
        Task<T> current;
        lock (_lock)
        {
            _current = current = Start();
        }

        return current.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets the current load: the next caller starts a new one.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _current = null;
        }
    }

    private Task<T> Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var lifetime = _lifetime.Token;
        var task = Task.Run(() => load(lifetime), lifetime);
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Cancels a load in flight; idempotent (the container may dispose one owner under several service types).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
