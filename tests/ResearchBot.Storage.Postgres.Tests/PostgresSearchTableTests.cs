using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResearchBot.Core.Papers;

namespace ResearchBot.Storage.Postgres.Tests;

/// <summary>
/// The search rows of <c>paper_search</c> (migration 0003): filled by the bulk loader's filler connections while a load
/// runs, caught up from where it got by the end of a load, also one left by a dead process, and moved out of
/// <c>papers</c> by the migration on an existing index.
/// </summary>
[Collection(PostgresServer.BulkLockCollection)]
public sealed class PostgresSearchTableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PaperRecord Paper(int i, string word) => new()
    {
        Title = $"Paper {i} on {word} structures",
        Abstract = $"We study {word} number {i} in some depth.",
        ArxivId = $"2605.{i:00000}",
        Authors = ["Emmy Noether"],
        Source = "t",
    };

    [Fact]
    public async Task BulkLoad_CommittedBatchesGetTheirSearchRowsWhileTheLoadRuns()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using var s = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        await s.Papers.UpsertAsync([Paper(1, "lattice")], Ct); // outside a load: written with the paper
        Assert.Equal(1, await ScalarAsync(cs, "SELECT count(*) FROM paper_search"));

        await using var load = await s.Bulk.BeginAsync(Ct);
        await s.Papers.UpsertAsync([.. Enumerable.Range(2, 60).Select(i => Paper(i, "lattice"))], Ct);
        await s.Papers.UpsertAsync([.. Enumerable.Range(62, 60).Select(i => Paper(i, "lattice"))], Ct);

        // Not the writer: during a load it leaves the search rows to the filler, which reaches them before the end.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Its slices commit on their own connections before it moves its mark: wait for both.
        while ((await ScalarAsync(cs, "SELECT count(*) FROM paper_search") < 121
                || await ScalarAsync(cs, "SELECT coalesce(searched_to, 0) FROM bulk_load") < await ScalarAsync(cs, "SELECT max(seq) FROM papers"))
               && DateTime.UtcNow < deadline)
        {
            s.Clock.Advance(TimeSpan.FromSeconds(1)); // the filler idles on the clock between polls
            await Task.Delay(50, Ct);
        }

        Assert.Equal(121, await ScalarAsync(cs, "SELECT count(*) FROM paper_search"));
        Assert.Equal(await ScalarAsync(cs, "SELECT max(seq) FROM papers"), await ScalarAsync(cs, "SELECT searched_to FROM bulk_load"));
        await load.CompleteAsync(null, Ct);

        Assert.Equal(121, (await s.Papers.SearchAsync("lattice", 500, Ct)).Count);
        Assert.Equal(0, await ScalarAsync(cs, "SELECT count(*) FROM bulk_load"));
        Assert.Equal(1, await ScalarAsync(cs, "SELECT count(*) FROM pg_indexes WHERE indexname = 'paper_search_gin' AND schemaname = current_schema()"));
        Assert.Equal(1, await ScalarAsync(cs, "SELECT count(*) FROM pg_constraint WHERE conname = 'paper_search_seq_fkey' AND connamespace = current_schema()::regnamespace AND convalidated"));
    }

    [Fact]
    public async Task OrphanedLoad_NextProcessIndexesFromWhereTheFillerStopped()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using (var first = StorageUnderTest.PostgresOn(cs, schema, dropSchema: false))
        {
            await first.Papers.UpsertAsync([.. Enumerable.Range(1, 20).Select(i => Paper(i, "sheaf"))], Ct);
        }

        // What a process that died mid-load leaves: the marker, the filler's progress, papers above it without search rows.
        await ExecuteAsync(cs, "DELETE FROM paper_search WHERE seq > 12; INSERT INTO bulk_load (id, from_seq, started_at, searched_to) VALUES (1, 0, 0, 12)");
        Assert.Equal(12, await ScalarAsync(cs, "SELECT count(*) FROM paper_search"));

        await using var next = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        Assert.Equal(20, (await next.Papers.SearchAsync("sheaf", 100, Ct)).Count);
        Assert.Equal(0, await ScalarAsync(cs, "SELECT count(*) FROM bulk_load"));
    }

    [Fact]
    public async Task EndOfLoad_CatchUpInChunksOnSeveralConnections_AddsOnlyTheMissingRows()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using var s = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        await s.Papers.UpsertAsync([.. Enumerable.Range(1, 50).Select(i => Paper(i, "cohomology"))], Ct);

        // A load that died during its end: the filler got to seq 5, a catch-up chunk (20-24) was committed, the rest is missing.
        // The committed rows are marked, so a recomputation would show.
        await ExecuteAsync(cs, """
            DELETE FROM paper_search WHERE seq > 5 AND seq NOT BETWEEN 20 AND 24;
            UPDATE paper_search SET search = to_tsvector('simple', 'kept') WHERE seq BETWEEN 20 AND 24;
            DROP INDEX paper_search_gin;
            INSERT INTO bulk_load (id, from_seq, started_at, searched_to) VALUES (1, 0, 0, 5)
            """);
        var told = new List<ResearchBot.Core.Ingestion.BulkLoadProgress>();
        await Papers.PostgresBulkLoader.FinishPendingIfOrphanedAsync(
            s.Services.GetRequiredService<PostgresDatabase>(), new Told(told), Ct, searchChunk: 4); // 12 chunks for the workers

        Assert.Equal(50, await ScalarAsync(cs, "SELECT count(*) FROM paper_search"));
        Assert.Equal(5, await ScalarAsync(cs, "SELECT count(*) FROM paper_search WHERE search @@ to_tsquery('simple', 'kept')"));
        Assert.Equal(45, (await s.Papers.SearchAsync("cohomology", 100, Ct)).Count);
        Assert.Equal(0, await ScalarAsync(cs, "SELECT count(*) FROM bulk_load"));
        Assert.Equal(1, await ScalarAsync(cs, "SELECT count(*) FROM pg_indexes WHERE indexname = 'paper_search_gin' AND schemaname = current_schema()"));

        // One step after the other, as the import's progress display expects, each ending at 1.
        Assert.Equal(["search index", "indexes", "author counts"], told.Select(t => t.Step).Distinct());
        var search = told.Where(t => t.Step == "search index").Select(t => t.Fraction).ToList();
        Assert.Equal(search.Order(), search);
        Assert.All(["search index", "indexes", "author counts"], step => Assert.Equal(1.0, told.Last(t => t.Step == step).Fraction));
    }

    private sealed class Told(List<ResearchBot.Core.Ingestion.BulkLoadProgress> told) : IProgress<ResearchBot.Core.Ingestion.BulkLoadProgress>
    {
        public void Report(ResearchBot.Core.Ingestion.BulkLoadProgress value)
        {
            lock (told)
            {
                told.Add(value);
            }
        }
    }

    [Fact]
    public async Task Migration0003_MovesTheSearchVectorsOfAnExistingIndex()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        // An index at version 2, with the tsvector still a generated column of papers.
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync(Ct);
            await Execute(connection, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            foreach (var (version, name, sql) in PostgresDatabase.Migrations().Where(m => m.Version <= 2))
            {
                await Execute(connection, sql);
                await Execute(connection, $"INSERT INTO schema_migrations (version, name) VALUES ({version}, '{name}')");
            }

            await Execute(connection,
                "INSERT INTO papers (id, title_key, title, abstract, indexed_at) VALUES ('a', 'graphs of groups', 'Graphs of groups', 'Bass-Serre theory of trees', 0), ('b', 'operads', 'Operads', NULL, 0)");
        }

        await using var s = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        Assert.Equal("a", Assert.Single(await s.Papers.SearchAsync("trees", 10, Ct)).Paper.Id);
        Assert.Equal("b", Assert.Single(await s.Papers.SearchAsync("operads", 10, Ct)).Paper.Id);
        Assert.Equal(2, await ScalarAsync(cs, "SELECT count(*) FROM paper_search"));
        Assert.Equal(0, await ScalarAsync(cs, "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'papers' AND column_name = 'search'"));
        await s.Papers.UpsertAsync([Paper(3, "trees")], Ct);
        Assert.Equal(2, (await s.Papers.SearchAsync("trees", 10, Ct)).Count);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(Ct);
        await Execute(connection, sql);
    }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
