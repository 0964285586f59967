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

/// <summary>An author cluster as the linker caches it.</summary>
internal sealed class AuthorCluster(long id, string givenKey)
{
    public long Id { get; } = id;
    public string GivenKey { get; set; } = givenKey;
    public string Display { get; set; } = "";
    public string Surname { get; init; } = "";
}
