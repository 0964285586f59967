using System.Collections.Concurrent;
using ResearchBot.Core.Coordination;

namespace ResearchBot.Storage.Sqlite;

/// <summary>
/// <see cref="IJobLeases"/> for SQLite, where one process owns the database: a lease is granted when no one in this
/// process holds it (so a job never runs twice at once here) and is never lost.
/// </summary>
internal sealed class InProcessJobLeases : IJobLeases
{
    private readonly ConcurrentDictionary<string, Lease> _held = new(StringComparer.Ordinal);

    public Task<IJobLease?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        var lease = new Lease(job, this);
        return Task.FromResult<IJobLease?>(_held.TryAdd(job, lease) ? lease : null);
    }

    private sealed class Lease(string job, InProcessJobLeases owner) : IJobLease
    {
        public string Job { get; } = job;

        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync()
        {
            owner._held.TryRemove(new KeyValuePair<string, Lease>(Job, this));
            return ValueTask.CompletedTask;
        }
    }
}
