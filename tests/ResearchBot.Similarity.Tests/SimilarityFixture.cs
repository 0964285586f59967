using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Ingestion.Formats;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Papers;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Similarity.Tests;

/// <summary>A real SQLite index in a temporary folder with the similarity engine wired as in the bot; deleted afterwards.</summary>
internal sealed class SimilarityFixture : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rb-similarity-" + Guid.NewGuid().ToString("N"));

    public SimilarityFixture(SimilarityOptions? options = null)
    {
        Options = options ?? new SimilarityOptions();
        Database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(new SqliteOptions { DatabasePath = Path.Combine(_dir, "test.db") }), NullLogger<SqliteDatabase>.Instance);
        Papers = new SqlitePaperIndex(Database, [], new BulkLoadState(), TimeProvider.System, NullLogger<SqlitePaperIndex>.Instance);
        Store = new SqliteSimilarityStore(Database, TimeProvider.System);
        Keywords = new SqliteKeywordNeighbourSearch(Database);
        Index = NewIndex();
        Ingestor = new PaperIngestor(Papers, [Index], NullLogger<PaperIngestor>.Instance);
        Resolver = new PaperResolver(Papers, Ingestor, []);
    }

    public SimilarityOptions Options { get; }
    public SqliteDatabase Database { get; }
    public SqlitePaperIndex Papers { get; }
    public SqliteSimilarityStore Store { get; }
    public SqliteKeywordNeighbourSearch Keywords { get; }
    public LsaSimilarityIndex Index { get; }
    public PaperIngestor Ingestor { get; }
    public PaperResolver Resolver { get; }

    /// <summary>A second engine over the same database, as after a restart.</summary>
    public LsaSimilarityIndex NewIndex(ResearchBot.Core.Progress.IProgressReporter? progress = null) =>
        new(Papers, Store, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance, Keywords, progress);

    /// <summary>A neural engine over the same database, answering with <paramref name="fallback"/> (default: <see cref="Index"/>) until complete.</summary>
    public Neural.NeuralSimilarityIndex NewNeuralIndex(Embedding.ITextEmbedder embedder, LsaSimilarityIndex? fallback = null, ResearchBot.Core.Coordination.IJobLeases? leases = null, ResearchBot.Core.Progress.IProgressReporter? progress = null, ISimilarityStore? store = null) =>
        new(Papers, store ?? Store, embedder, fallback ?? Index, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<Neural.NeuralSimilarityIndex>.Instance, Keywords, leases, progress);

    /// <summary>Options for neural tests: a small sample and small batches, so the demo data spans many batches.</summary>
    public static SimilarityOptions NeuralOptions() => new() { Engine = SimilarityEngine.MiniLm, NeuralSampleSize = 100, EmbedBatchSize = 16, NeuralDimensions = 64 };

    public static IReadOnlyList<PaperRecord> DemoRecords()
    {
        var records = new List<PaperRecord>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-papers.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            if (DemoPaperFormat.Parse(json.RootElement, out _) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public async Task<SimilarityFixture> WithDemoDataAsync()
    {
        await Ingestor.IngestAsync(DemoRecords(), TestContext.Current.CancellationToken);
        return this;
    }

    public void Dispose()
    {
        Index.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
