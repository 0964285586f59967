using System.Collections.Immutable;

namespace ResearchBot.Core.Papers;

/// <summary>
/// A paper as one source reported it, before it is merged into the index: the ingest input. <see cref="Paper"/> is the
/// merged read model; they share the bibliographic fields but not identity (<c>Seq</c>, <c>Id</c>, <c>IndexedAt</c>),
/// provenance (one <see cref="Source"/> here, every source there) or the <see cref="ProfileOf"/> ingest hint.
/// </summary>
public sealed record PaperRecord
{
    public required string Title { get; init; }
    public string? Abstract { get; init; }
    public ImmutableArray<string> Authors { get; init; } = [];
    public bool AuthorsTruncated { get; init; }
    public DateOnly? Published { get; init; }
    public bool PublishedYearOnly { get; init; }
    public DateOnly? Updated { get; init; }
    public ImmutableArray<string> Categories { get; init; } = [];
    public string? Venue { get; init; }
    /// <summary>Versionless arXiv id (see <see cref="ArxivId"/>).</summary>
    public string? ArxivId { get; init; }
    public int? ArxivVersion { get; init; }
    public string? Doi { get; init; }
    public string? Url { get; init; }
    public int? Citations { get; init; }
    public int? Upvotes { get; init; }

    /// <summary>Short source name: <c>seed</c>, <c>arxiv</c>, <c>openalex</c>, <c>huggingface</c>, <c>snapshot</c>, …</summary>
    public required string Source { get; init; }

    /// <summary>An author known to be an author of the paper even if <see cref="Authors"/> is cut (profile pages).</summary>
    public string? ProfileOf { get; init; }
}
