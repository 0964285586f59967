using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Postgres;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Storage.Postgres.Tests;

/// <summary>One backend composed as the executable composes it (its public <c>Add…Storage()</c>), on a throw-away database.</summary>
public sealed class StorageUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Func<Task> _cleanup;

    private StorageUnderTest(ServiceProvider services, FakeTimeProvider clock, HashedPaperVectors vectors, Func<Task> cleanup)
    {
        _services = services;
        Clock = clock;
        Engine = vectors;
        _cleanup = cleanup;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The stand-in engine behind <c>like:</c> subscriptions (its space can be switched, or made not ready).</summary>
    public HashedPaperVectors Engine { get; }
    public IServiceProvider Services => _services;
    public IPaperIndex Papers => _services.GetRequiredService<IPaperIndex>();
    public IAuthorDirectory Authors => _services.GetRequiredService<IAuthorDirectory>();
    public IAlertStore Alerts => _services.GetRequiredService<IAlertStore>();
    public IAlertFeedbackStore Feedback => _services.GetRequiredService<IAlertFeedbackStore>();
    public ISourceCursorStore Cursors => _services.GetRequiredService<ISourceCursorStore>();
    public ISourceCache Cache => _services.GetRequiredService<ISourceCache>();
    public ISimilarityStore Vectors => _services.GetRequiredService<ISimilarityStore>();
    public IKeywordNeighbourSearch Keywords => _services.GetRequiredService<IKeywordNeighbourSearch>();
    public IScratchIndexFactory Scratch => _services.GetRequiredService<IScratchIndexFactory>();
    public IBulkLoader Bulk => _services.GetRequiredService<IBulkLoader>();
    public IJobLeases Leases => _services.GetRequiredService<IJobLeases>();

    public static StorageUnderTest Sqlite()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rb-contract-" + Guid.NewGuid().ToString("N"));
        var clock = Clock0();
        var vectors = new HashedPaperVectors();
        var services = Base(clock, vectors, new() { ["Storage:DatabasePath"] = Path.Combine(dir, "test.db"), ["Storage:SeedDemoData"] = "false" })
            .AddSqliteStorage().AddSqliteAlerts().AddSqliteSimilarity()
            .BuildServiceProvider();
        return new StorageUnderTest(services, clock, vectors, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }

            return Task.CompletedTask;
        });
    }

    public static async Task<StorageUnderTest> PostgresAsync()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        return PostgresOn(cs, schema, dropSchema: true);
    }

    /// <summary>Another "process" on the same schema (its own pool, percolator and caches); drops the schema when asked.</summary>
    public static StorageUnderTest PostgresOn(string cs, string schema, bool dropSchema, ResearchBot.Core.Ingestion.IPaperAddedListener? listener = null, ISimilarityModelListener? modelListener = null)
    {
        var clock = Clock0();
        var vectors = new HashedPaperVectors();
        var services = Base(clock, vectors, new() { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = cs, ["Storage:SeedDemoData"] = "false" })
            .AddPostgresStorage();
        if (listener is not null)
        {
            services.AddSingleton(listener);
        }

        if (modelListener is not null)
        {
            services.AddSingleton(modelListener);
        }

        var provider = services.BuildServiceProvider();
        return new StorageUnderTest(provider, clock, vectors, () => dropSchema ? PostgresServer.DropSchemaAsync(schema) : Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _cleanup();
    }

    private static FakeTimeProvider Clock0() => new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static ServiceCollection Base(FakeTimeProvider clock, HashedPaperVectors vectors, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        // like: subscriptions: a stand-in engine and the tests' own learner, as the alert tests compose them.
        services.AddSingleton<IPaperVectors>(vectors);
        services.AddSingleton<IInterestLearner>(new CentroidLearner());
        services.AddLogging();
        // Its own data source per instance: a distinct Application Name keeps the pools apart, as two processes' are.
        if (settings.TryGetValue("Storage:ConnectionString", out var cs) && cs is not null)
        {
            settings["Storage:ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(cs) { ApplicationName = "t" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
        }

        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(clock);
        return services;
    }
}
