namespace ResearchBot.Core.Coordination;

/// <summary>
/// Chooses the one process that runs a singleton job (source ingestion, the similarity refit, background embedding)
/// when several identical processes share one database. With SQLite (one process) every lease is granted at once;
/// with PostgreSQL a lease is an advisory lock held on a connection, so a dead process's lease ends with it.
/// </summary>
public interface IJobLeases
{
    /// <summary>Tries to take the lease of <paramref name="job"/>; null while another process holds it (try again later).</summary>
    Task<IJobLease?> TryAcquireAsync(string job, CancellationToken cancellationToken);
}

/// <summary>A held lease. Dispose it to give the job up.</summary>
public interface IJobLease : IAsyncDisposable
{
    /// <summary>The job's name.</summary>
    string Job { get; }

    /// <summary>Cancelled when the lease is lost (for example, its database connection dropped): stop the job's work.</summary>
    CancellationToken Lost { get; }
}
