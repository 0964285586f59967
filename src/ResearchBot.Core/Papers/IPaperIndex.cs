namespace ResearchBot.Core.Papers;

/// <summary>The paper store: merge-on-write, look-up by any identity, and keyword search.</summary>
public interface IPaperIndex
{
    /// <summary>Merges the records into the index in one transaction; returns which papers are new.</summary>
    Task<PaperUpsertResult> UpsertAsync(IReadOnlyList<PaperRecord> records, CancellationToken cancellationToken);

    /// <summary>Finds a paper by public id, versionless arXiv id or DOI (case-insensitive).</summary>
    Task<Paper?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Paper>> GetBySeqAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken);

    /// <summary>
    /// Keyword search over title and abstract, best first. Its cost is bounded by the candidate budget
    /// (<c>Storage:SearchCandidates</c>): when more papers match, the most recently added ones within the budget are
    /// ranked and the result says so (<see cref="PaperSearchResult.Partial"/>); otherwise every match is ranked.
    /// </summary>
    Task<PaperSearchResult> SearchAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>Papers whose title matches the given title text, best first (exact normalised matches first).</summary>
    Task<IReadOnlyList<PaperHit>> FindByTitleAsync(string title, int limit, CancellationToken cancellationToken);

    /// <summary>Papers that entered the index at or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Paper>> RecentlyIndexedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>The most upvoted papers that entered the index at or after <paramref name="since"/>, most upvotes first.</summary>
    Task<IReadOnlyList<Paper>> MostUpvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Every paper in <see cref="Paper.Seq"/> order, streamed (for building similarity models).</summary>
    IAsyncEnumerable<Paper> StreamAllAsync(CancellationToken cancellationToken);
}
