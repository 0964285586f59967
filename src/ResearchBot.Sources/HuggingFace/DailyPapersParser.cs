using System.Collections.Immutable;
using System.Text.Json;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Trending;

namespace ResearchBot.Sources.HuggingFace;

/// <summary>Reads <c>/api/daily_papers</c>: an array of <c>{paper{id, title, summary, authors[], upvotes, publishedAt}, numComments, …}</c>.</summary>
public static class DailyPapersParser
{
    public const string SourceName = "huggingface";

    /// <summary>The items, each as a trending entry and an index record; bad items are counted in <paramref name="skipped"/>.</summary>
    /// <exception cref="JsonException">Not a JSON array (malformed or cut off).</exception>
    public static IReadOnlyList<(TrendingPaper Trending, PaperRecord Record)> Parse(string json, DateOnly day, out int skipped)
    {
        skipped = 0;
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"expected an array, got {doc.RootElement.ValueKind}");
        }

        var items = new List<(TrendingPaper, PaperRecord)>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("paper", out var paper) || paper.ValueKind != JsonValueKind.Object
                || !ArxivId.TryParse(Str(paper, "id"), out var id) || Str(paper, "title") is not { } rawTitle || string.IsNullOrWhiteSpace(rawTitle))
            {
                skipped++;
                continue;
            }

            var title = string.Join(' ', rawTitle.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var authors = paper.TryGetProperty("authors", out var a) && a.ValueKind == JsonValueKind.Array
                ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object && !(x.TryGetProperty("hidden", out var h) && h.ValueKind == JsonValueKind.True))
                    .Select(x => Str(x, "name")).OfType<string>().Where(n => n.Length > 0).ToImmutableArray()
                : [];
            var upvotes = paper.TryGetProperty("upvotes", out var u) && u.TryGetInt32(out var uv) ? Math.Max(0, uv) : 0;
            var comments = item.TryGetProperty("numComments", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var cv) ? cv : 0;
            var published = DateTimeOffset.TryParse(Str(paper, "publishedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var p)
                ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
            items.Add((
                new TrendingPaper(id.Id, title, authors, upvotes, day, comments, "Hugging Face"),
                new PaperRecord
                {
                    Title = title,
                    Abstract = Str(paper, "summary"),
                    Authors = authors,
                    Published = published,
                    ArxivId = id.Id,
                    Url = $"https://huggingface.co/papers/{id.Id}",
                    Upvotes = upvotes,
                    Source = SourceName,
                }));
        }

        return items;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
