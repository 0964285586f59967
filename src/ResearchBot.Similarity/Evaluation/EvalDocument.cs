using System.Text.Json;

namespace ResearchBot.Similarity.Evaluation;

/// <summary>One labelled paper of an evaluation corpus (JSON lines: <c>id</c>, <c>title</c>, <c>abstract</c>, <c>categories</c>).</summary>
public sealed record EvalDocument(string Id, string Title, string Abstract, IReadOnlyList<string> Categories)
{
    /// <summary>Reads a JSON-lines corpus; lines without a title, abstract or category are skipped and counted.</summary>
    public static (List<EvalDocument> Documents, int Skipped) Load(string path)
    {
        var docs = new List<EvalDocument>();
        var skipped = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var title = Str(root, "title");
                var abs = Str(root, "abstract");
                var cats = root.TryGetProperty("categories", out var c) ? c.ValueKind switch
                {
                    JsonValueKind.Array => c.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList(),
                    JsonValueKind.String => [.. c.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
                    _ => [],
                } : [];
                if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(abs) || cats.Count == 0)
                {
                    skipped++;
                    continue;
                }

                docs.Add(new EvalDocument(Str(root, "id") ?? $"line{docs.Count + skipped + 1}", title, abs,
                    [.. cats.Select(x => x.Trim().Replace(' ', '_')).Where(x => x.Length > 0)]));
            }
            catch (JsonException)
            {
                skipped++;
            }
        }

        return (docs, skipped);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
