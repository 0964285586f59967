using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;

namespace ResearchBot.Sources.Snapshot;

/// <summary>
/// One record of the arXiv metadata snapshot (Kaggle <c>arxiv-metadata-oai-snapshot.json</c>): <c>id</c>,
/// <c>authors</c>/<c>authors_parsed</c>, <c>title</c>, <c>categories</c> (primary first), <c>versions</c>, <c>update_date</c>,
/// <c>journal-ref</c>, <c>doi</c>, <c>abstract</c>. TeX accents become letters; all versions fold into one paper.
/// </summary>
public static class SnapshotFormat
{
    public const string SourceName = "snapshot";

    /// <summary>True for a snapshot object: an <c>id</c> plus <c>versions</c> or <c>authors_parsed</c>.</summary>
    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out _) &&
        (root.TryGetProperty("versions", out _) || root.TryGetProperty("authors_parsed", out _));

    public static PaperRecord? Parse(JsonElement root, out string? error)
    {
        error = null;
        var idText = Str(root, "id");
        if (!ArxivId.TryParse(idText, out var id))
        {
            error = idText is null ? "no id" : $"not an arXiv id: \"{Short(idText)}\"";
            return null;
        }

        var title = Str(root, "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            error = $"{id.Id} has no title";
            return null;
        }

        var (published, version) = Versions(root);
        return new PaperRecord
        {
            Title = TexAccents.Compose(title),
            Abstract = Str(root, "abstract") is { } a ? TexAccents.Compose(a) : null,
            Authors = Authors(root),
            Published = published,
            Updated = DateOnly.TryParseExact(Str(root, "update_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var u) ? u : null,
            Categories = [.. (Str(root, "categories") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)],
            Venue = Str(root, "journal-ref"),
            ArxivId = id.Id,
            ArxivVersion = version ?? id.Version,
            Doi = Str(root, "doi")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
            Url = id.AbsUrl,
            Source = SourceName,
        };
    }

    private static ImmutableArray<string> Authors(JsonElement root)
    {
        if (root.TryGetProperty("authors_parsed", out var parsed) && parsed.ValueKind == JsonValueKind.Array)
        {
            var names = ImmutableArray.CreateBuilder<string>(parsed.GetArrayLength());
            foreach (var a in parsed.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                string? last = null, first = null, suffix = null;
                var k = 0;
                foreach (var part in a.EnumerateArray())
                {
                    var s = part.ValueKind == JsonValueKind.String ? part.GetString() : null;
                    _ = k++ switch { 0 => last = s, 1 => first = s, 2 => suffix = s, _ => null };
                }

                var name = string.Join(' ', new[] { first, last, suffix }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
                if (name.Length > 0)
                {
                    names.Add(TexAccents.Compose(name));
                }
            }

            return names.ToImmutable();
        }

        // Fallback: the byline string "A, B and C".
        var byline = Str(root, "authors");
        return byline is null ? [] : [.. byline.Replace(" and ", ", ", StringComparison.Ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TexAccents.Compose)];
    }

    private static (DateOnly? Published, int? Version) Versions(JsonElement root)
    {
        if (!root.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        DateOnly? first = null;
        int? latest = null;
        foreach (var v in versions.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (Str(v, "version") is { Length: > 1 } vs && vs[0] == 'v' && int.TryParse(vs.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                latest = Math.Max(latest ?? 0, n);
                if (n == 1 && DateTimeOffset.TryParse(Str(v, "created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
                {
                    first = DateOnly.FromDateTime(created.UtcDateTime);
                }
            }
        }

        return (first, latest);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
