namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// What this process's writers must know while a bulk load runs: author counts are deferred, and the author clusters
/// already looked up are kept across batches (dropped on any failed batch: a rolled-back batch may have made clusters
/// that no longer exist).
/// </summary>
internal sealed class BulkLoadState
{
    /// <summary>More surnames than this and the cache starts over, so memory does not grow with the file.</summary>
    public const int MaxCachedSurnames = 400_000;

    private readonly Lock _gate = new();
    private WriterBuffers? _buffers;

    public bool Active { get; private set; }

    public Dictionary<string, List<AuthorCluster>> Clusters { get; } = new(StringComparer.Ordinal);

    public void Enter()
    {
        lock (_gate)
        {
            if (Active)
            {
                throw new InvalidOperationException("A bulk load is already running in this process.");
            }

            Active = true;
            Clusters.Clear();
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            Active = false;
            Clusters.Clear();
        }
    }

    public void Forget() => Clusters.Clear();

    /// <summary>The writer's per-batch collections: the ones the last batch returned, or new ones if another batch has them.</summary>
    public WriterBuffers RentBuffers() => Interlocked.Exchange(ref _buffers, null) ?? new WriterBuffers();

    /// <summary>Empties a batch's collections (keeping their capacity) and keeps them for the next batch.</summary>
    public void ReturnBuffers(WriterBuffers buffers)
    {
        buffers.Clear();
        Volatile.Write(ref _buffers, buffers);
    }
}

/// <summary>
/// The collections a writer fills per batch, kept between batches: for a batch of a few thousand records each of them
/// outgrows 85 KB, and allocated afresh per batch they were large-object arrays, which the runtime frees only with a
/// full collection of the heap (measured on a 100k PostgreSQL load: ≈ 110 such arrays, 11 MB, from these lists).
/// </summary>
internal sealed class WriterBuffers
{
    public List<PostgresPaperWriter.Entry> New { get; } = [];

    public List<PostgresPaperWriter.Entry> Merged { get; } = [];

    public Dictionary<string, PostgresPaperWriter.Entry> ByArxiv { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PostgresPaperWriter.Entry> ByDoi { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<PostgresPaperWriter.Entry>> ByTitle { get; } = new(StringComparer.Ordinal);

    public List<(long Seq, int Position, long AuthorId, string Name)> NewLinks { get; } = [];

    public void Clear()
    {
        New.Clear();
        Merged.Clear();
        ByArxiv.Clear();
        ByDoi.Clear();
        ByTitle.Clear();
        NewLinks.Clear();
    }
}

/// <summary>An author cluster as the linker caches it.</summary>
internal sealed class AuthorCluster(long id, string givenKey)
{
    public long Id { get; } = id;
    public string GivenKey { get; set; } = givenKey;
    public string Display { get; set; } = "";
    public string Surname { get; init; } = "";
}
