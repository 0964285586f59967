namespace ResearchBot.Core.Similarity;

/// <summary>A keyword "more like this" search (FTS5 BM25 over title and abstract): any of the terms, best first.</summary>
public interface IKeywordNeighbourSearch
{
    /// <param name="terms">Plain words (no query syntax); at most 32 are used.</param>
    /// <param name="abstractOnly">Match the abstract column only (known-item evaluation).</param>
    Task<IReadOnlyList<(long Seq, double Score)>> SearchAnyAsync(IReadOnlyList<string> terms, int limit, bool abstractOnly, CancellationToken cancellationToken);
}
