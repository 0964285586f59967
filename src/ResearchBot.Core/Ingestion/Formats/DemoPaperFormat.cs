using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Ingestion.Formats;

/// <summary>
/// The demo corpus line format (<c>seed-papers.jsonl</c>): <c>title</c>, <c>abstract</c>, <c>authors</c>, <c>et_al</c>,
/// <c>published</c> (date or year), <c>category</c>, <c>upvotes</c>, <c>venue</c>, <c>profile_of</c>, <c>source</c>.
/// </summary>
public static class DemoPaperFormat
{
    public const string SourceName = "seed";

    /// <summary>True when a JSON object looks like this format (has <c>title</c> and no arXiv snapshot <c>id</c>/<c>versions</c>).</summary>
    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("title", out _) && !root.TryGetProperty("versions", out _);

    /// <summary>Parses one object; returns null with a reason when it is unusable.</summary>
    public static PaperRecord? Parse(JsonElement root, out string? error)
    {
        error = null;
        var title = Str(root, "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            error = "no title";
            return null;
        }

        var (published, yearOnly) = ParseDate(Str(root, "published") ?? Num(root, "year")?.ToString(CultureInfo.InvariantCulture));
        var category = Str(root, "category");
        var categories = root.TryGetProperty("categories", out var cats) && cats.ValueKind == JsonValueKind.Array
            ? cats.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToImmutableArray()
            : category is null ? [] : [NormalizeCategory(category)];
        var authors = root.TryGetProperty("authors", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToImmutableArray()
            : [];
        var authorCount = Num(root, "author_count");
        return new PaperRecord
        {
            Title = title,
            Abstract = Str(root, "abstract"),
            Authors = authors,
            AuthorsTruncated = Bool(root, "et_al") || (authorCount is { } n && n > authors.Length),
            Published = published,
            PublishedYearOnly = yearOnly,
            Categories = categories,
            Venue = Str(root, "venue"),
            ArxivId = Str(root, "arxiv_id"),
            Doi = Str(root, "doi"),
            Upvotes = (int?)Num(root, "upvotes"),
            Citations = (int?)Num(root, "citations"),
            Source = Str(root, "source_name") ?? SourceName,
            ProfileOf = Str(root, "profile_of"),
        };
    }

    /// <summary>Demo pages show arXiv abbreviations without the archive ("LG"); map them to arXiv categories.</summary>
    public static string NormalizeCategory(string c) => c.Trim() switch
    {
        "CV" => "cs.CV",
        "LG" => "cs.LG",
        "CL" => "cs.CL",
        "IR" => "cs.IR",
        "NE" => "cs.NE",
        "PL" => "cs.PL",
        "AI" => "cs.AI",
        "RO" => "cs.RO",
        "ML" => "stat.ML",
        "NC" => "q-bio.NC",
        "QM" => "q-bio.QM",
        var other => other,
    };

    private static (DateOnly?, bool) ParseDate(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return (null, false);
        }

        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return (d, false);
        }

        return int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1800 and <= 2200
            ? (new DateOnly(y, 1, 1), true)
            : (null, false);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
