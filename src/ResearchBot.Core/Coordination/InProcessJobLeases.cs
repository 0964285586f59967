namespace ResearchBot.Core.Coordination;

/// <summary>
/// <see cref="IJobLeases"/> for one process (SQLite, the default): each job's lease is granted to one holder at a
/// time within this process, and never lost. A backend shared by several processes (PostgreSQL's advisory locks)
/// replaces it: it is registered with <c>TryAdd</c> by <see cref="CoordinationServiceCollectionExtensions.AddJobLeasesFallback"/>.
/// </summary>
public sealed class InProcessJobLeases : IJobLeases
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IJobLease?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult<IJobLease?>(_held.Add(job) ? new Lease(this, job) : null);
        }
    }

    private void Release(string job)
    {
        lock (_lock)
        {
            _held.Remove(job);
        }
    }

    private sealed class Lease(InProcessJobLeases owner, string job) : IJobLease
    {
        private int _disposed;

        public string Job => job;

        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(job);
            }

            return ValueTask.CompletedTask;
        }
    }
}
