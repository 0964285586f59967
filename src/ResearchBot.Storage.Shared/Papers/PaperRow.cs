using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ResearchBot.Core.Papers;

namespace ResearchBot.Storage.Shared;

/// <summary>The <c>papers</c> table as Dapper reads it.</summary>
internal sealed class PaperRow
{
    public const string Columns = "seq, id, arxiv_id, doi, title_key, title, abstract, authors, authors_truncated, published, published_year_only, updated, categories, venue, arxiv_version, url, citations, upvotes, sources, indexed_at";

    public long Seq { get; set; }
    public string Id { get; set; } = "";
    public string? Arxiv_Id { get; set; }
    public string? Doi { get; set; }
    public string Title_Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Abstract { get; set; }
    public string Authors { get; set; } = "[]";
    public long Authors_Truncated { get; set; }
    public string? Published { get; set; }
    public long Published_Year_Only { get; set; }
    public string? Updated { get; set; }
    public string Categories { get; set; } = "";
    public string? Venue { get; set; }
    public long? Arxiv_Version { get; set; }
    public string? Url { get; set; }
    public long? Citations { get; set; }
    public long? Upvotes { get; set; }
    public string Sources { get; set; } = "";
    public long Indexed_At { get; set; }

    /// <param name="authors">The byline <see cref="Authors"/> encodes, where the caller has it already (saves decoding it).</param>
    public Paper ToPaper(ImmutableArray<string> authors = default) => new()
    {
        Seq = Seq,
        Id = Id,
        Title = Title,
        Abstract = Abstract,
        Authors = authors.IsDefault ? DecodeAuthors(Authors) : authors,
        AuthorsTruncated = Authors_Truncated != 0,
        Published = ParseDate(Published),
        PublishedYearOnly = Published_Year_Only != 0,
        Updated = ParseDate(Updated),
        Categories = Split(Categories),
        Venue = Venue,
        ArxivId = Arxiv_Id,
        ArxivVersion = (int?)Arxiv_Version,
        Doi = Doi,
        Url = Url,
        Citations = (int?)Citations,
        Upvotes = (int?)Upvotes,
        Sources = Split(Sources),
        IndexedAt = DateTimeOffset.FromUnixTimeMilliseconds(Indexed_At),
    };

    public static ImmutableArray<string> DecodeAuthors(string json) =>
        string.IsNullOrEmpty(json) ? [] : [.. JsonSerializer.Deserialize(json, StorageJson.Default.StringArray) ?? []];

    public static string EncodeAuthors(IEnumerable<string> authors) =>
        JsonSerializer.Serialize(authors.ToArray(), StorageJson.Default.StringArray);

    public static ImmutableArray<string> Split(string s) =>
        [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    public static DateOnly? ParseDate(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string? FormatDate(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
