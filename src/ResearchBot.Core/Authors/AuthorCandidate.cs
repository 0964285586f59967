using System.Collections.Immutable;

namespace ResearchBot.Core.Authors;

/// <summary>One person the index knows under a name, with enough to tell namesakes apart.</summary>
public sealed record AuthorCandidate(
    long Id,
    string DisplayName,
    int PaperCount,
    string? RecentTitle,
    int? RecentYear,
    ImmutableArray<string> Variants,
    ImmutableArray<string> TopCategories);
