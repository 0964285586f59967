using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Sqlite.Authors;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Tests;

public sealed class BulkLoadTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static PaperRecord Paper(int i, params string[] authors) =>
        new() { Title = $"Bulk loaded paper number {i} about cortical dynamics", Abstract = $"Abstract {i} on spiking models.", Source = "snapshot", ArxivId = $"2401.{10000 + i}", Authors = [.. authors] };

    private static readonly string[] Deferred = ["paper_authors_author", "papers_indexed_at", "papers_title_key"];

    /// <summary>An index and a bulk loader sharing one process's bulk state, as the storage registration wires them.</summary>
    private static (SqlitePaperIndex Index, SqliteBulkLoader Loader) Wire(SqliteDatabase database, TempIndex temp)
    {
        var state = new BulkLoadState();
        return (new SqlitePaperIndex(database, [], state, temp.Clock, NullLogger<SqlitePaperIndex>.Instance), new SqliteBulkLoader(database, state, temp.Clock));
    }

    private static async Task<string[]> DeferredIndexesPresentAsync(SqliteDatabase database)
    {
        await using var c = await database.OpenAsync(Ct);
        var names = await Dapper.SqlMapper.QueryAsync<string>(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('paper_authors_author', 'papers_indexed_at', 'papers_title_key') ORDER BY name");
        return [.. names];
    }

    [Fact]
    public async Task Load_DropsSecondaryIndexesAndCompleteRebuildsThem()
    {
        using var temp = new TempIndex();
        var (index, loader) = Wire(temp.Database, temp);
        Assert.Equal(Deferred, await DeferredIndexesPresentAsync(temp.Database));

        await using (var load = await loader.BeginAsync(Ct))
        {
            await index.UpsertAsync([Paper(1, "Konrad Kording")], Ct);
            Assert.Empty(await DeferredIndexesPresentAsync(temp.Database));
            await load.CompleteAsync(null, Ct);
        }

        Assert.Equal(Deferred, await DeferredIndexesPresentAsync(temp.Database));
        await using var c = await temp.Database.OpenAsync(Ct);
        var plan = string.Join(" | ", (await Dapper.SqlMapper.QueryAsync(c, "EXPLAIN QUERY PLAN SELECT paper_seq FROM paper_authors WHERE author_id = 1")).Select(r => (string)r.detail));
        Assert.Contains("paper_authors_author", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_RecordNeedingTitleProbe_RebuildsTitleIndexAndMerges()
    {
        using var temp = new TempIndex();
        var (index, loader) = Wire(temp.Database, temp);
        await index.UpsertAsync([Paper(0)], Ct);

        await using var load = await loader.BeginAsync(Ct);
        Assert.DoesNotContain("papers_title_key", await DeferredIndexesPresentAsync(temp.Database));
        await index.UpsertAsync([Paper(1), new PaperRecord { Title = "A paper known by its title only, from a feed", Source = "feed" }], Ct);
        Assert.Contains("papers_title_key", await DeferredIndexesPresentAsync(temp.Database));

        var result = await index.UpsertAsync([new PaperRecord { Title = "A Paper Known by its Title Only, from a Feed", Source = "snapshot", ArxivId = "2401.20000" }], Ct);
        Assert.Equal(1, result.Merged);
        await load.CompleteAsync(null, Ct);
        Assert.Equal(Deferred, await DeferredIndexesPresentAsync(temp.Database));
    }

    [Fact]
    public async Task Load_WhenPapersLackArxivIds_ArxivRecordsMergeOnTitleWithoutTheFullIndex()
    {
        using var temp = new TempIndex();
        var (index, loader) = Wire(temp.Database, temp);
        await index.UpsertAsync([new PaperRecord { Title = "A paper known by its title only, from a feed", Source = "feed" }], Ct);

        await using var load = await loader.BeginAsync(Ct);
        var result = await index.UpsertAsync([Paper(1), new PaperRecord { Title = "A Paper Known by its Title Only, from a Feed", Source = "snapshot", ArxivId = "2401.20000" }], Ct);

        Assert.Equal(1, result.Merged);
        Assert.Empty(await DeferredIndexesPresentAsync(temp.Database)); // the partial index served the probe
        await load.CompleteAsync(null, Ct);
        Assert.Equal(Deferred, await DeferredIndexesPresentAsync(temp.Database));
    }

    [Fact]
    public async Task Complete_IndexesNewPapersAndRecountsAuthors()
    {
        using var temp = new TempIndex();
        var (index, loader) = Wire(temp.Database, temp);
        await index.UpsertAsync([Paper(0, "Konrad Kording")], Ct); // indexed before the load, by the trigger

        await using (var load = await loader.BeginAsync(Ct))
        {
            await index.UpsertAsync([Paper(1, "Konrad Kording", "Eva Dyer"), Paper(2, "K. Kording")], Ct);
            await index.UpsertAsync([Paper(3, "Eva Dyer")], Ct);
            Assert.Single(await index.SearchAsync("cortical", 10, Ct)); // deferred while loading
            await load.CompleteAsync(null, Ct);
        }

        Assert.Equal(4, (await index.SearchAsync("cortical", 10, Ct)).Count);
        var kording = Assert.Single(await temp.Authors.FindAsync("Kording", 5, Ct));
        Assert.Equal(3, kording.PaperCount);
        Assert.Equal(["Konrad Kording", "K. Kording"], kording.Variants);
        Assert.Equal(2, Assert.Single(await temp.Authors.FindAsync("Eva Dyer", 5, Ct)).PaperCount);
        await index.UpsertAsync([Paper(4, "Eva Dyer")], Ct); // the per-row trigger is back
        Assert.Equal(5, (await index.SearchAsync("cortical", 10, Ct)).Count);
    }

    [Fact]
    public async Task Finish_InChunks_IndexesEveryPaperAndTellsEachStep()
    {
        using var temp = new TempIndex();
        var (index, loader) = Wire(temp.Database, temp);
        await index.UpsertAsync([Paper(0, "Konrad Kording")], Ct);
        var load = (SqliteBulkLoader.Load)await loader.BeginAsync(Ct);
        await index.UpsertAsync([.. Enumerable.Range(1, 5).Select(i => Paper(i, "Konrad Kording"))], Ct);
        load.Abandon();

        var told = new List<string>();
        await using (var c = await temp.Database.OpenAsync(Ct))
        {
            await SqliteBulkLoader.FinishPendingAsync(c, new Collect(told), Ct, ftsChunk: 2);
        }

        Assert.Equal(
            ["search index 0.0", "search index 0.4", "search index 0.8", "search index 1.0", "indexes 0.0", "indexes 0.3", "indexes 0.7", "indexes 1.0", "author counts 0.0", "author counts 1.0"],
            told);
        Assert.Equal(6, (await index.SearchAsync("cortical", 10, Ct)).Count);
        Assert.Equal(6, Assert.Single(await temp.Authors.FindAsync("Kording", 5, Ct)).PaperCount);
        Assert.Equal(Deferred, await DeferredIndexesPresentAsync(temp.Database));
    }

    private sealed class Collect(List<string> told) : IProgress<Core.Ingestion.BulkLoadProgress>
    {
        public void Report(Core.Ingestion.BulkLoadProgress value) =>
            told.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value.Step} {value.Fraction:0.0}"));
    }

    [Fact]
    public async Task InterruptedLoad_IsFinishedOnNextStart()
    {
        using var temp = new TempIndex();
        var (index, loader) = Wire(temp.Database, temp);
        var load = (SqliteBulkLoader.Load)await loader.BeginAsync(Ct);
        await index.UpsertAsync([Paper(1, "Konrad Kording")], Ct);
        load.Abandon(); // the process "dies": its lock is gone, nothing was finished

        // A new process opens the same file: migration finishes the pending load.
        var restarted = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = temp.Database.DatabasePath }), NullLogger<SqliteDatabase>.Instance);
        var after = Wire(restarted, temp).Index;

        Assert.Single(await after.SearchAsync("cortical", 10, Ct));
        Assert.Equal(1, Assert.Single(await new SqliteAuthorDirectory(restarted).FindAsync("Kording", 5, Ct)).PaperCount);
        Assert.Equal(Deferred, await DeferredIndexesPresentAsync(restarted));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Finish_ThatFails_LeavesTheLoadToTheNextStart_AndDisposingNeverThrows(bool completeFirst)
    {
        using var temp = new TempIndex();
        var path = temp.Database.DatabasePath;
        var impatient = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = path, BusyTimeout = TimeSpan.FromMilliseconds(100) }), NullLogger<SqliteDatabase>.Instance);
        var (index, loader) = Wire(impatient, temp);
        var load = await loader.BeginAsync(Ct);
        await index.UpsertAsync([Paper(1, "Konrad Kording")], Ct);

        // Another writer holds the database (or the disk is full): the end step cannot run now.
        await using (var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await blocker.OpenAsync(Ct);
            await Dapper.SqlMapper.ExecuteAsync(blocker, "BEGIN EXCLUSIVE");
            if (completeFirst)
            {
                await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => load.CompleteAsync(null, Ct));
            }

            await load.DisposeAsync(); // no retry after a failed completion, and its own failure is logged, not thrown
            await Dapper.SqlMapper.ExecuteAsync(blocker, "ROLLBACK");
        }

        var restarted = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = path }), NullLogger<SqliteDatabase>.Instance);
        var after = Wire(restarted, temp).Index;
        Assert.Single(await after.SearchAsync("cortical", 10, Ct));
        Assert.Equal(Deferred, await DeferredIndexesPresentAsync(restarted));
    }

    [Fact]
    public async Task RunningLoad_IsNotFinishedByAnotherProcessStarting()
    {
        using var temp = new TempIndex();
        var (index, loader) = Wire(temp.Database, temp);
        await using var load = await loader.BeginAsync(Ct);
        await index.UpsertAsync([Paper(1, "Konrad Kording")], Ct);

        // `researchbot ask` starting meanwhile must not rebuild the index under the running import.
        var other = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = temp.Database.DatabasePath }), NullLogger<SqliteDatabase>.Instance);
        await other.MigrateAsync(Ct);
        await using (var c = await other.OpenAsync(Ct))
        {
            Assert.Equal(1, await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM bulk_load"));
        }

        await load.CompleteAsync(null, Ct);
        Assert.Single(await index.SearchAsync("cortical", 10, Ct));
        Assert.Equal(1, Assert.Single(await temp.Authors.FindAsync("Kording", 5, Ct)).PaperCount);
    }

    [Fact]
    public async Task Begin_RecordsWhenTheLoadStarted_OnTheGivenClock()
    {
        using var temp = new TempIndex();
        await using var load = await new SqliteBulkLoader(temp.Database, new BulkLoadState(), temp.Clock).BeginAsync(Ct);
        await using var c = await temp.Database.OpenAsync(Ct);

        Assert.Equal(temp.Clock.GetUtcNow().ToUnixTimeMilliseconds(), await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT started_at FROM bulk_load"));
    }

    [Fact]
    public async Task Begin_Twice_IsRefused()
    {
        using var temp = new TempIndex();
        var loader = new SqliteBulkLoader(temp.Database, new BulkLoadState());
        await using var first = await loader.BeginAsync(Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => loader.BeginAsync(Ct));
    }
}
