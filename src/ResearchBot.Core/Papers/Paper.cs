using System.Collections.Immutable;

namespace ResearchBot.Core.Papers;

/// <summary>A paper as the index knows it: one record per work, whatever sources and versions fed it.</summary>
public sealed record Paper
{
    /// <summary>The index's own number for the paper; stable for the life of the database, never reused.</summary>
    public required long Seq { get; init; }

    /// <summary>Public identity: versionless arXiv id where known, else <c>doi:…</c>, else <c>t:…</c> (normalised-title key).</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }
    public string? Abstract { get; init; }

    /// <summary>Author display names in order; may be partial when <see cref="AuthorsTruncated"/>.</summary>
    public ImmutableArray<string> Authors { get; init; } = [];
    public bool AuthorsTruncated { get; init; }

    public DateOnly? Published { get; init; }
    /// <summary>True when the source gave only a year (stored as 1 January).</summary>
    public bool PublishedYearOnly { get; init; }
    public DateOnly? Updated { get; init; }

    /// <summary>arXiv-style categories, primary first.</summary>
    public ImmutableArray<string> Categories { get; init; } = [];
    public string? Venue { get; init; }
    public string? ArxivId { get; init; }
    public int? ArxivVersion { get; init; }
    public string? Doi { get; init; }
    public string? Url { get; init; }
    public int? Citations { get; init; }
    public int? Upvotes { get; init; }

    /// <summary>The sources that contributed to this record (e.g. <c>arxiv</c>, <c>openalex</c>, <c>seed</c>).</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>When the paper first entered this index.</summary>
    public required DateTimeOffset IndexedAt { get; init; }

    public string? PrimaryCategory => Categories.IsDefaultOrEmpty ? null : Categories[0];

    /// <summary>The best link to show people: the arXiv abstract page, the DOI, or the source's URL.</summary>
    public string? BestUrl =>
        ArxivId is not null ? Papers.ArxivId.AbsUrlOf(ArxivId)
        : Doi is not null ? $"https://doi.org/{Doi}"
        : Url;
}
