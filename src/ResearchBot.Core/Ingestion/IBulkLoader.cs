namespace ResearchBot.Core.Ingestion;

/// <summary>
/// Optional fast path for loading many papers at once (the arXiv snapshot): the store may defer work that is
/// cheaper done once at the end (search index, author counts) while the load runs.
/// </summary>
public interface IBulkLoader
{
    /// <summary>Starts a bulk load; papers still go through <see cref="IPaperIngestor"/> as usual.</summary>
    Task<IBulkLoad> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>A running bulk load. Complete it to finish the deferred work; a load that is disposed, or whose process
/// dies, without completing is finished on the next start, so nothing is left half-built.</summary>
public interface IBulkLoad : IAsyncDisposable
{
    /// <param name="progress">Told what the deferred work is doing, synchronously, as it goes (it can take minutes).</param>
    /// <param name="cancellationToken">Stops between steps, keeping none of them; disposing the load then finishes it, or else the next start does.</param>
    Task CompleteAsync(IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>Where the deferred work of a bulk load stands: the step (e.g. "search index") and how much of it is done, 0 to 1.</summary>
public sealed record BulkLoadProgress(string Step, double Fraction);
