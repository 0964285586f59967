using System.Collections.Immutable;

namespace ResearchBot.Core.Trending;

/// <summary>One featured paper with its upvotes.</summary>
public sealed record TrendingPaper(
    string ArxivId,
    string Title,
    ImmutableArray<string> Authors,
    int Upvotes,
    DateOnly FeaturedOn,
    int Comments,
    string Source,
    string? Url = null);
