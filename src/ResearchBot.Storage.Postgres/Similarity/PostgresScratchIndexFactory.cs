using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Postgres.Papers;

namespace ResearchBot.Storage.Postgres.Similarity;

/// <summary>Throw-away indexes for <c>eval</c> and benchmarks: a fresh schema in the configured database, dropped on dispose.</summary>
internal sealed class PostgresScratchIndexFactory(PostgresDatabase main, ILoggerFactory loggerFactory, TimeProvider timeProvider) : IScratchIndexFactory
{
    public async Task<IScratchIndex> CreateAsync(CancellationToken cancellationToken)
    {
        var schema = "scratch_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = await main.DataSource.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition($"CREATE SCHEMA {schema}", cancellationToken: cancellationToken));
        }

        var builder = new NpgsqlConnectionStringBuilder(main.ConnectionString) { SearchPath = $"{schema},public" };
        var database = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = builder.ConnectionString, SeedDemoData = false }), loggerFactory.CreateLogger<PostgresDatabase>());
        await database.MigrateAsync(cancellationToken);
        return new Scratch(main, schema, database,
            new PostgresPaperIndex(database, [], new BulkLoadState(), timeProvider, loggerFactory.CreateLogger<PostgresPaperIndex>()),
            new PostgresSimilarityStore(database, timeProvider),
            new PostgresKeywordNeighbourSearch(database));
    }

    private sealed class Scratch(PostgresDatabase main, string schema, PostgresDatabase database, IPaperIndex papers, ISimilarityStore vectors, IKeywordNeighbourSearch keywords) : IScratchIndex
    {
        public IPaperIndex Papers { get; } = papers;
        public ISimilarityStore Vectors { get; } = vectors;
        public IKeywordNeighbourSearch Keywords { get; } = keywords;

        public async ValueTask DisposeAsync()
        {
            await database.DisposeAsync();
            try
            {
                await using var connection = await main.DataSource.OpenConnectionAsync(CancellationToken.None);
                await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            }
            catch (NpgsqlException)
            {
                // Best effort: a left-over scratch_ schema holds no user data.
            }
        }
    }
}
