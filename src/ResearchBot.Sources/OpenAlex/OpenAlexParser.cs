using System.Collections.Immutable;
using System.Text.Json;

namespace ResearchBot.Sources.OpenAlex;

/// <summary>Reads OpenAlex author and work objects, singly or as <c>{meta, results[]}</c> lists. Bad entries are skipped.</summary>
public static class OpenAlexParser
{
    /// <exception cref="JsonException">Malformed or cut-off JSON.</exception>
    public static IReadOnlyList<OpenAlexAuthor> Authors(string json) => List(json, Author);

    /// <exception cref="JsonException">Malformed or cut-off JSON.</exception>
    public static IReadOnlyList<OpenAlexWork> Works(string json) => List(json, Work);

    private static IReadOnlyList<T> List<T>(string json, Func<JsonElement, T?> read)
        where T : class
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        IEnumerable<JsonElement> items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray()
            : root.ValueKind == JsonValueKind.Object ? [root] : throw new JsonException("expected an object");
        return [.. items.Select(read).OfType<T>()];
    }

    internal static OpenAlexAuthor? Author(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || Str(e, "id") is not { } id || Str(e, "display_name") is not { } name)
        {
            return null;
        }

        var stats = e.TryGetProperty("summary_stats", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var institution = e.TryGetProperty("last_known_institutions", out var li) && li.ValueKind == JsonValueKind.Array
            ? li.EnumerateArray().Select(i => Str(i, "display_name")).FirstOrDefault(n => n is not null)
            : null;
        var topics = e.TryGetProperty("topics", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Select(x => Str(x, "display_name")).OfType<string>().Take(5).ToImmutableArray()
            : [];
        var years = e.TryGetProperty("counts_by_year", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Where(y => Int(y, "year") is not null).Select(y => (Int(y, "year")!.Value, Int(y, "works_count") ?? 0, Int(y, "cited_by_count") ?? 0)).ToImmutableArray()
            : [];
        return new OpenAlexAuthor(id, name,
            stats.ValueKind == JsonValueKind.Object ? Int(stats, "h_index") : null,
            stats.ValueKind == JsonValueKind.Object ? Int(stats, "i10_index") : null,
            stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty("2yr_mean_citedness", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : null,
            Int(e, "cited_by_count"), Int(e, "works_count"), institution, topics, years);
    }

    internal static OpenAlexWork? Work(JsonElement e)
    {
        var title = e.ValueKind == JsonValueKind.Object ? Str(e, "title") ?? Str(e, "display_name") : null;
        if (title is null)
        {
            return null;
        }

        var authors = e.TryGetProperty("authorships", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("author", out var au) ? Str(au, "display_name") : null).OfType<string>().ToImmutableArray()
            : [];
        var doi = Str(e, "doi");
        if (doi is not null && doi.StartsWith("https://doi.org/", StringComparison.OrdinalIgnoreCase))
        {
            doi = doi[16..];
        }

        return new OpenAlexWork(title, doi, Int(e, "cited_by_count"), authors);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}
