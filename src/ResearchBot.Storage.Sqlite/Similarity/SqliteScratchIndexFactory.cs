using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Similarity;

/// <summary>Temporary SQLite databases (in the system temp folder) for <c>eval</c> and benchmarks.</summary>
internal sealed class SqliteScratchIndexFactory(ILoggerFactory loggerFactory, TimeProvider timeProvider) : IScratchIndexFactory
{
    public async Task<IScratchIndex> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "researchbot-scratch-" + Guid.NewGuid().ToString("N")[..12]);
        var database = new SqliteDatabase(
            Options.Create(new SqliteOptions { DatabasePath = Path.Combine(folder, "scratch.db"), SeedDemoData = false }),
            loggerFactory.CreateLogger<SqliteDatabase>());
        await database.MigrateAsync(cancellationToken);
        return new Scratch(folder, database,
            new SqlitePaperIndex(database, [], new BulkLoadState(), timeProvider, loggerFactory.CreateLogger<SqlitePaperIndex>()),
            new SqliteSimilarityStore(database, timeProvider),
            new SqliteKeywordNeighbourSearch(database));
    }

    private sealed class Scratch(string folder, SqliteDatabase database, IPaperIndex papers, ISimilarityStore vectors, IKeywordNeighbourSearch keywords) : IScratchIndex
    {
        public IPaperIndex Papers { get; } = papers;
        public ISimilarityStore Vectors { get; } = vectors;
        public IKeywordNeighbourSearch Keywords { get; } = keywords;

        public ValueTask DisposeAsync()
        {
            _ = database;
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS temp folder is cleaned eventually.
            }

            return ValueTask.CompletedTask;
        }
    }
}
