namespace ResearchBot.Core.Similarity;

/// <summary>
/// Finds papers similar to a paper or to a description. The engine (LSA today, an embedding model later) sits behind
/// this port so commands never depend on how vectors are made.
/// </summary>
public interface ISimilarityIndex
{
    /// <summary>Neighbours of an indexed paper (the paper itself excluded), best first.</summary>
    Task<SimilarityResult> FindSimilarAsync(Papers.Paper paper, SimilarityQuery query, CancellationToken cancellationToken);

    /// <summary>Papers that match a free-text description, best first.</summary>
    Task<SimilarityResult> FindByDescriptionAsync(string description, SimilarityQuery query, CancellationToken cancellationToken);
}
