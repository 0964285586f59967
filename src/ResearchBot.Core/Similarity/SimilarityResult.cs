using System.Collections.Immutable;

namespace ResearchBot.Core.Similarity;

/// <summary>The neighbours found, or why there are none.</summary>
/// <param name="Neighbours">Best first.</param>
/// <param name="Status">Whether the engine could answer at all.</param>
/// <param name="Engine">Short engine description for replies and logs (e.g. <c>LSA-128 v3</c>).</param>
public sealed record SimilarityResult(ImmutableArray<SimilarPaper> Neighbours, SimilarityStatus Status, string Engine)
{
    /// <summary>A short line about the engine's state for the reply's footer (e.g. <c>neural index 37 %: answers use LSA until it is complete</c>), or null.</summary>
    public string? Note { get; init; }

    public static SimilarityResult NotReady(string engine) => new([], SimilarityStatus.NotReady, engine);
}

/// <summary>One neighbour: the paper, a score in [-1, 1] (cosine) and the strongest shared terms.</summary>
public sealed record SimilarPaper(Papers.Paper Paper, double Score, ImmutableArray<string> SharedTerms);

public enum SimilarityStatus
{
    /// <summary>The engine answered (possibly with no neighbours after filtering).</summary>
    Ok,

    /// <summary>The index is empty or still being built.</summary>
    NotReady,

    /// <summary>The query had no words the model knows.</summary>
    NoKnownTerms,
}
