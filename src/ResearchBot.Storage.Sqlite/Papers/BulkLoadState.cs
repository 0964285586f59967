namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>
/// What the writers of this process must know while a bulk load runs: that search-index rows and author counts
/// are deferred, and the author clusters already looked up (kept across batches; dropped on any failed batch,
/// since a rolled-back batch may have created clusters that no longer exist).
/// </summary>
internal sealed class BulkLoadState
{
    /// <summary>More surnames than this and the cache starts over, so memory does not grow with the file.</summary>
    public const int MaxCachedSurnames = 400_000;

    private readonly Lock _gate = new();

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
}

/// <summary>An author cluster as the linker caches it: id and the folded first given name.</summary>
internal sealed class AuthorCluster(long id, string givenKey)
{
    public long Id { get; } = id;
    public string GivenKey { get; set; } = givenKey;
}
