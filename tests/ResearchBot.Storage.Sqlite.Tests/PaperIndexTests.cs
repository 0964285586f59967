using System.Text.Json;
using Dapper;
using ResearchBot.Core.Ingestion.Formats;
using ResearchBot.Core.Papers;

namespace ResearchBot.Storage.Sqlite.Tests;

public sealed class PaperIndexTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static PaperRecord Record(string title, string source = "test", string? arxiv = null, int? version = null, string? doi = null, string[]? authors = null, string[]? categories = null) => new()
    {
        Title = title,
        Abstract = "An abstract about " + title,
        Source = source,
        ArxivId = arxiv,
        ArxivVersion = version,
        Doi = doi,
        Authors = [.. authors ?? ["Ada Lovelace"]],
        Categories = [.. categories ?? ["cs.LG"]],
    };

    [Fact]
    public async Task Migrate_FreshFolder_CreatesDatabaseWithWalAndFts5()
    {
        using var temp = new TempIndex();
        await temp.Database.MigrateAsync(Ct);

        await using var c = await temp.Database.OpenAsync(Ct);
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.True(await c.ExecuteScalarAsync<long>("PRAGMA user_version") >= 1);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'papers_fts'"));
    }

    [Fact]
    public async Task Open_ManyConcurrentFirstUses_MigrateOnce()
    {
        using var temp = new TempIndex();

        // Every caller may be the first: none may apply a migration the others already applied.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var c = await temp.Database.OpenAsync(Ct);
        })));

        await using var check = await temp.Database.OpenAsync(Ct);
        Assert.Equal(SqliteDatabase.Migrations().Max(m => m.Version), await check.ExecuteScalarAsync<long>("PRAGMA user_version"));
    }

    [Fact]
    public async Task Upsert_SameArxivPaperTwiceAndNewVersion_MergesIntoOne()
    {
        using var temp = new TempIndex();
        var first = await temp.Papers.UpsertAsync([Record("Attention is all you need", arxiv: "1706.03762", version: 1)], Ct);
        var again = await temp.Papers.UpsertAsync([Record("Attention Is All You Need", source: "openalex", arxiv: "1706.03762v7", version: 7, categories: ["cs.CL"])], Ct);

        Assert.Single(first.Added);
        Assert.Empty(again.Added);
        Assert.Equal(1, again.Merged);
        var paper = await temp.Papers.GetAsync("arXiv:1706.03762v7", Ct);
        Assert.NotNull(paper);
        Assert.Equal("1706.03762", paper.Id);
        Assert.Equal(7, paper.ArxivVersion);
        Assert.Equal(["cs.LG", "cs.CL"], paper.Categories);
        Assert.Equal(["test", "openalex"], paper.Sources);
        Assert.Equal(1, await temp.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task Upsert_TitleOnlyThenArxiv_MergesAndUpgradesPublicId()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Record("Compiling to recurrent neurons for neural computation")], Ct);
        var title = (await temp.Papers.FindByTitleAsync("compiling to recurrent NEURONS for neural computation", 5, Ct)).Single().Paper;
        Assert.StartsWith("t:", title.Id, StringComparison.Ordinal);

        await temp.Papers.UpsertAsync([Record("Compiling to Recurrent Neurons for Neural Computation", arxiv: "2511.01234")], Ct);

        var merged = await temp.Papers.GetAsync("2511.01234", Ct);
        Assert.Equal(title.Seq, merged!.Seq);
        Assert.Equal("2511.01234", merged.Id);
    }

    [Fact]
    public async Task Upsert_ArxivPapersThenTitleOnlyThenArxivInOneBatch_MergesOnTitle()
    {
        using var temp = new TempIndex();
        // The index holds only arXiv papers (the writer may skip title probes then) until this very batch adds one without.
        await temp.Papers.UpsertAsync([Record("An unrelated arXiv paper about spiking models", arxiv: "2401.00001")], Ct);

        var result = await temp.Papers.UpsertAsync(
            [
                Record("Another arXiv paper, new, asked first", arxiv: "2401.00002"),
                Record("Compiling to recurrent neurons for neural computation"),
                Record("Compiling to Recurrent Neurons for Neural Computation", arxiv: "2511.01234"),
            ], Ct);

        Assert.Equal(1, result.Merged);
        Assert.Equal(3, await temp.Papers.CountAsync(Ct));
        Assert.Equal("2511.01234", (await temp.Papers.GetAsync("2511.01234", Ct))!.Id);
    }

    [Fact]
    public async Task Upsert_ArxivRecordWithTitleOfArxivlessPaper_MergesInALaterBatch()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Record("An unrelated arXiv paper about spiking models", arxiv: "2401.00001"), Record("Compiling to recurrent neurons for neural computation", doi: "10.1000/xyz")], Ct);

        var result = await temp.Papers.UpsertAsync([Record("Compiling to Recurrent Neurons for Neural Computation", arxiv: "2511.01234")], Ct);

        Assert.Equal(1, result.Merged);
        Assert.Equal("10.1000/xyz", (await temp.Papers.GetAsync("2511.01234", Ct))!.Doi);
    }

    [Fact]
    public async Task Upsert_ArxivRecord_FindsTitleOnlyPaperAmongManyArxivPapersOfThatTitle()
    {
        using var temp = new TempIndex();
        // Six arXiv papers share the title; their own DOIs keep the DOI-only paper apart from them.
        await temp.Papers.UpsertAsync([.. Enumerable.Range(1, 6).Select(i => Record("Lectures on string theory and gravity", arxiv: $"2401.0000{i}", doi: $"10.1000/other.{i}"))], Ct);
        await temp.Papers.UpsertAsync([Record("Lectures on string theory and gravity", doi: "10.1000/lectures")], Ct);
        Assert.Equal(7, await temp.Papers.CountAsync(Ct));

        var result = await temp.Papers.UpsertAsync([Record("Lectures on String Theory and Gravity", arxiv: "2402.00001")], Ct);

        Assert.Equal(1, result.Merged);
        Assert.Equal("10.1000/lectures", (await temp.Papers.GetAsync("2402.00001", Ct))!.Doi);
    }

    [Fact]
    public async Task Upsert_AddedPapers_EqualTheStoredRows()
    {
        using var temp = new TempIndex();
        var record = Record("Attention is all you need", arxiv: "1706.03762v2", version: 2, doi: "https://doi.org/10.5555/ABC", authors: ["Ashish Vaswani", " Noam Shazeer "], categories: ["cs.CL", "cs.LG", "cs.cl", ""]) with
        {
            Published = new DateOnly(2017, 6, 12), Updated = new DateOnly(2023, 8, 2), Venue = "NeurIPS", Url = "https://arxiv.org/abs/1706.03762", Citations = 100, Upvotes = 3, AuthorsTruncated = true,
            Abstract = "  Line one\n  line two.  ",
        };

        var added = Assert.Single((await temp.Papers.UpsertAsync([record], Ct)).Added);

        var stored = Assert.Single(await temp.Papers.GetBySeqAsync([added.Seq], Ct));
        Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(added));
    }

    [Fact]
    public async Task Upsert_PaperMergedLaterInTheSameBatch_IsReturnedMerged()
    {
        using var temp = new TempIndex();
        var result = await temp.Papers.UpsertAsync(
            [Record("Attention is all you need", arxiv: "1706.03762", version: 1), Record("Attention is all you need", source: "openalex", arxiv: "1706.03762v5", version: 5, categories: ["cs.CL"])], Ct);

        var added = Assert.Single(result.Added);
        Assert.Equal(1, result.Merged);
        Assert.Equal(5, added.ArxivVersion);
        Assert.Equal(["cs.LG", "cs.CL"], added.Categories);
        Assert.Equal(["test", "openalex"], added.Sources);
    }

    [Fact]
    public async Task Upsert_SameTitleDifferentArxivIds_StaysTwoPapers()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Record("A survey of graph neural networks", arxiv: "2001.00001"), Record("A survey of graph neural networks", arxiv: "2101.00002")], Ct);
        Assert.Equal(2, await temp.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task Upsert_ShortGenericTitles_AreNotMergedOnTitle()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Record("Introduction"), Record("Introduction")], Ct);
        Assert.Equal(2, await temp.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task Upsert_RecordWithoutTitle_IsSkippedAndOthersKept()
    {
        using var temp = new TempIndex();
        var result = await temp.Papers.UpsertAsync([Record("   "), Record("A perfectly good paper title here")], Ct);
        Assert.Single(result.Added);
        Assert.Single(result.Skipped);
    }

    [Fact]
    public async Task Search_InjectionLookingQuery_IsInertAndStillSearches()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Record("Spiking neural networks for robots"), Record("Convex optimisation in practice")], Ct);

        Assert.Single(await temp.Papers.SearchAsync("spiking", 10, Ct));
        Assert.Empty(await temp.Papers.SearchAsync("\" OR 1=1; DROP TABLE papers; -- NEAR(*", 10, Ct));
        Assert.Empty(await temp.Papers.SearchAsync("***", 10, Ct));
        Assert.Equal(2, await temp.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task Search_PhraseAndStemming_RankTitleMatchesFirst()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync(
        [
            Record("Neural data analysis with deep networks") with { Abstract = "Methods." },
            Record("A paper about something else") with { Abstract = "We discuss neural data in passing." },
        ], Ct);

        var hits = await temp.Papers.SearchAsync("\"neural data\"", 10, Ct);
        Assert.Equal(2, hits.Count);
        Assert.Equal("Neural data analysis with deep networks", hits[0].Paper.Title);
        Assert.Single(await temp.Papers.SearchAsync("network", 10, Ct)); // porter stemming: network ~ networks
    }

    [Fact]
    public async Task Upsert_DemoCorpus_Gives275DistinctPapers()
    {
        using var temp = new TempIndex();
        var records = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-papers.jsonl"))
            .Select(l => DemoPaperFormat.Parse(JsonDocument.Parse(l).RootElement, out _)!)
            .ToList();
        Assert.Equal(306, records.Count);

        var result = await temp.Papers.UpsertAsync(records, Ct);

        Assert.Equal(275, result.Added.Length);
        Assert.Equal(31, result.Merged);
        Assert.Equal(275, await temp.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task Merge_ThatChangesNothing_WritesNothing_AndOnlyANewAbstractReindexes()
    {
        using var temp = new TempIndex();
        var record = Record("Spiking networks for event cameras", arxiv: "2401.00001", categories: ["cs.CV"]);
        await temp.Papers.UpsertAsync([record], Ct);

        async Task<(string Fts, string Row)> StateAsync()
        {
            await using var c = await temp.Database.OpenAsync(Ct);
            return (
                await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT group_concat(id || ':' || hex(block), ' ') FROM papers_fts_data") ?? "",
                await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT categories || '|' || sources || '|' || coalesce(arxiv_version, 'null') FROM papers") ?? "");
        }

        var before = await StateAsync();
        Assert.Equal(1, (await temp.Papers.UpsertAsync([record], Ct)).Merged); // the same file again
        Assert.Equal(before, await StateAsync());
        Assert.EndsWith("|null", before.Row, StringComparison.Ordinal); // no version on either side stays unknown, not 0

        await temp.Papers.UpsertAsync([record with { Categories = ["cs.NE"], Source = "feed" }], Ct); // metadata only
        var metadata = await StateAsync();
        Assert.Equal(before.Fts, metadata.Fts);
        Assert.Equal("cs.CV cs.NE|test feed|null", metadata.Row);

        await temp.Papers.UpsertAsync([record with { Abstract = "A much longer abstract (more than twice as long, so it wins) that now mentions neuromorphic hardware, dynamic vision sensors and their latency." }], Ct);
        Assert.NotEqual(before.Fts, (await StateAsync()).Fts);
        Assert.Single(await temp.Papers.SearchAsync("neuromorphic", 5, Ct));
        Assert.Single(await temp.Papers.SearchAsync("spiking", 5, Ct));
    }

    [Fact]
    public async Task MostUpvoted_RanksWithinTheWindowOnly()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Record("An old favourite about attention") with { Upvotes = 500 }], Ct);
        temp.Clock.Advance(TimeSpan.FromDays(3));
        await temp.Papers.UpsertAsync(
        [
            Record("A new paper with few upvotes") with { Upvotes = 2 },
            Record("A new paper with many upvotes") with { Upvotes = 40 },
            Record("A new paper nobody upvoted yet"),
        ], Ct);

        var top = await temp.Papers.MostUpvotedAsync(temp.Clock.GetUtcNow().AddDays(-1), 10, Ct);

        Assert.Equal(["A new paper with many upvotes", "A new paper with few upvotes"], top.Select(p => p.Title));
        // Only upvoted papers are read, not every paper indexed in the window (all of them after a snapshot import).
        await using var c = await temp.Database.OpenAsync(Ct);
        var plan = string.Join(" | ", (await Dapper.SqlMapper.QueryAsync(c, "EXPLAIN QUERY PLAN " + Papers.SqlitePaperIndex.MostUpvotedSql, new { since = 0, limit = 10 })).Select(r => (string)r.detail));
        Assert.Contains("papers_upvoted", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecentlyIndexed_UsesIndexTime()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Record("An older paper about transformers")], Ct);
        temp.Clock.Advance(TimeSpan.FromDays(2));
        await temp.Papers.UpsertAsync([Record("A newer paper about transformers")], Ct);

        var recent = await temp.Papers.RecentlyIndexedAsync(temp.Clock.GetUtcNow().AddDays(-1), 10, Ct);
        Assert.Equal("A newer paper about transformers", Assert.Single(recent).Title);
    }
}
