using ResearchBot.Core.Coordination;

namespace ResearchBot.TestKit;

/// <summary>
/// A lease table shared by several pretend processes, like PostgreSQL's advisory locks: <see cref="For"/> gives one
/// process its <see cref="IJobLeases"/>; a job is held by at most one process; <see cref="Kill"/> ends a process's
/// leases (their <see cref="IJobLease.Lost"/> fires) as a dropped database connection would.
/// </summary>
public sealed class FakeJobLeases
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);

    /// <summary>How many times any process asked for a lease.</summary>
    public int Attempts { get; private set; }

    /// <summary>The process holding <paramref name="job"/>, or null.</summary>
    public string? HolderOf(string job)
    {
        lock (_lock)
        {
            return _held.TryGetValue(job, out var h) ? h.Process : null;
        }
    }

    /// <summary>The leases as seen by <paramref name="process"/>.</summary>
    public IJobLeases For(string process) => new View(this, process);

    /// <summary>Ends every lease <paramref name="process"/> holds (its connection died); their Lost tokens fire.</summary>
    public void Kill(string process)
    {
        List<Held> killed;
        lock (_lock)
        {
            killed = [.. _held.Values.Where(h => h.Process == process)];
            foreach (var h in killed)
            {
                _held.Remove(h.Job);
            }
        }

        foreach (var h in killed)
        {
            h.LostSource.Cancel();
        }
    }

    private sealed record Held(string Job, string Process, CancellationTokenSource LostSource);

    private sealed class View(FakeJobLeases table, string process) : IJobLeases
    {
        public Task<IJobLease?> TryAcquireAsync(string job, CancellationToken cancellationToken)
        {
            lock (table._lock)
            {
                table.Attempts++;
                if (table._held.ContainsKey(job))
                {
                    return Task.FromResult<IJobLease?>(null);
                }

                var held = new Held(job, process, new CancellationTokenSource());
                table._held[job] = held;
                return Task.FromResult<IJobLease?>(new Lease(table, held));
            }
        }
    }

    private sealed class Lease(FakeJobLeases table, Held held) : IJobLease
    {
        public string Job => held.Job;

        public CancellationToken Lost => held.LostSource.Token;

        public ValueTask DisposeAsync()
        {
            lock (table._lock)
            {
                if (table._held.TryGetValue(held.Job, out var current) && ReferenceEquals(current, held))
                {
                    table._held.Remove(held.Job);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
