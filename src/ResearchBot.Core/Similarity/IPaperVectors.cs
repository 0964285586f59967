using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Similarity;

/// <summary>
/// The active similarity engine's dense vectors, for features that learn on them (<c>like:</c> alerts). Vectors from
/// different <see cref="SpaceId"/>s are never compared: a refit or an engine switch changes the space, and whoever
/// keeps vectors re-projects from the papers themselves.
/// </summary>
public interface IPaperVectors
{
    /// <summary>The current vector space (engine, model and version, e.g. <c>lsa-tfidf/v3</c>); null until the engine is ready.</summary>
    string? SpaceId { get; }

    /// <summary>Length of every vector in <see cref="SpaceId"/>; 0 until the engine is ready.</summary>
    int Dimensions { get; }

    /// <summary>Unit-length vectors for papers (indexed or not, from title and abstract), in order; null entries where the engine cannot say (not ready, no text).</summary>
    ValueTask<IReadOnlyList<float[]?>> VectorsOfAsync(IReadOnlyList<Paper> papers, CancellationToken cancellationToken);
}
