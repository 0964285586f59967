using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Ingestion.Formats;
using ResearchBot.Core.Papers;
using ResearchBot.Hosting;

namespace ResearchBot.Seed;

/// <summary>
/// Loads the embedded demo corpus (real listing pages and one researcher's two profile pages, see
/// <c>shared/data/README.md</c>) so the bot is useful on a fresh machine with no sources configured.
/// </summary>
public sealed class DemoSeeder(IPaperIngestor ingestor, IAuthorDirectory authors, TimeProvider timeProvider, ILogger<DemoSeeder> logger)
{
    public const string PapersResource = "ResearchBot.Seed.seed-papers.jsonl";
    public const string AuthorsResource = "ResearchBot.Seed.seed-authors.jsonl";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var records = new List<PaperRecord>();
        var lineNo = 0;
        foreach (var line in ReadLines(PapersResource))
        {
            lineNo++;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (DemoPaperFormat.Parse(doc.RootElement, out var error) is { } record)
                {
                    records.Add(record);
                }
                else
                {
                    HostLog.DemoLineSkipped(logger, lineNo, error ?? "unreadable");
                }
            }
            catch (JsonException ex)
            {
                HostLog.DemoLineSkipped(logger, lineNo, ex.Message);
            }
        }

        var result = await ingestor.IngestAsync(records, cancellationToken);
        foreach (var line in ReadLines(AuthorsResource))
        {
            using var doc = JsonDocument.Parse(line);
            await SaveProfileAsync(doc.RootElement, cancellationToken);
        }

        return result.Added.Length;
    }

    private async Task SaveProfileAsync(JsonElement e, CancellationToken cancellationToken)
    {
        var name = e.GetProperty("name").GetString()!;
        var found = await authors.FindAsync(name, 2, cancellationToken);
        if (found.Count != 1)
        {
            HostLog.DemoProfileUnmatched(logger, name);
            return;
        }

        var extra = ImmutableDictionary.CreateBuilder<string, string>();
        void Add(string key, string label, Func<JsonElement, string> format)
        {
            if (e.TryGetProperty(key, out var v) && v.ValueKind is not JsonValueKind.Null)
            {
                extra[label] = format(v);
            }
        }

        Add("novelty", "novelty", v => (v.GetDouble() * 100).ToString("0", CultureInfo.InvariantCulture) + "%");
        Add("ai_score", "AI score", v => v.ToString());
        Add("followers", "followers", v => v.ToString());
        Add("close_collaborators", "close collaborators", v => v.ToString());
        Add("trust", "trust", v => v.ToString() + (e.TryGetProperty("trust_label", out var l) ? $" ({l.GetString()})" : ""));
        Add("verification", "verification", v => v.GetString() ?? "");
        var source = e.GetProperty("source").GetString()!;
        await authors.SaveMetricsAsync(found[0].Id, new AuthorMetrics
        {
            Source = $"Profile page \"{name}\"",
            NameAtSource = name,
            SourceUrl = "seed:" + source,
            HIndex = Int(e, "h_index"),
            Citations = Int(e, "citations"),
            WorksCount = Int(e, "papers") ?? Int(e, "works"),
            Topics = e.TryGetProperty("paper_categories", out var cats) && cats.ValueKind == JsonValueKind.Array
                ? [.. cats.EnumerateArray().Select(c => DemoPaperFormat.NormalizeCategory(c.GetString() ?? ""))]
                : [],
            Extra = extra.ToImmutable(),
            RetrievedAt = timeProvider.GetUtcNow(),
        }, cancellationToken);
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static IEnumerable<string> ReadLines(string resource)
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }
        }
    }
}
