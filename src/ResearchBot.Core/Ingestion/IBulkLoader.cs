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
    Task CompleteAsync(CancellationToken cancellationToken);
}
