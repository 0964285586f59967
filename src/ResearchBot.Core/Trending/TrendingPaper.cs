using System.Collections.Immutable;

namespace ResearchBot.Core.Trending;

/// <summary>One featured paper with its upvotes.</summary>
/// <param name="ArxivId">The arXiv id, or the index's public id for a paper without one.</param>
/// <param name="Url">Null: the arXiv abstract page of <paramref name="ArxivId"/>; empty: the paper has no link to show.</param>
public sealed record TrendingPaper(
    string ArxivId,
    string Title,
    ImmutableArray<string> Authors,
    int Upvotes,
    DateOnly FeaturedOn,
    int Comments,
    string Source,
    string? Url = null);
