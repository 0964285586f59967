using System.Collections.Immutable;

namespace ResearchBot.Core.Authors;

/// <summary>Author-level figures as one source reported them; always shown with <see cref="Source"/>.</summary>
public sealed record AuthorMetrics
{
    /// <summary>Where the figures come from, e.g. <c>OpenAlex</c> or the profile page a seed came from.</summary>
    public required string Source { get; init; }
    /// <summary>The name the source filed them under.</summary>
    public string? NameAtSource { get; init; }
    public string? SourceUrl { get; init; }
    public int? HIndex { get; init; }
    public int? I10Index { get; init; }
    public int? Citations { get; init; }
    public int? WorksCount { get; init; }
    public string? Institution { get; init; }
    public ImmutableArray<string> Topics { get; init; } = [];
    public ImmutableArray<YearCount> CountsByYear { get; init; } = [];
    /// <summary>Other figures the source shows, as label → value (e.g. "followers" → "0").</summary>
    public ImmutableDictionary<string, string> Extra { get; init; } = ImmutableDictionary<string, string>.Empty;
    public required DateTimeOffset RetrievedAt { get; init; }
}

/// <summary>Works and citations in one year.</summary>
public sealed record YearCount(int Year, int Works, int Citations);
