using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ResearchBot.Storage.Postgres.Tests;

/// <summary>
/// The storage ports' contract, run against every backend (<see cref="SqliteStorageContract"/>,
/// <see cref="PostgresStorageContract"/>): what the feature projects rely on, whichever database is behind.
/// </summary>
public abstract class StoragePortContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ChannelAddress Lab = new("discord", "g1", "c1");

    protected abstract Task<StorageUnderTest> CreateAsync();

    protected static PaperRecord Record(string title, string? arxiv = null, string? doi = null, string[]? authors = null, string? abstractText = null, string source = "test", int? upvotes = null, string[]? categories = null) => new()
    {
        Title = title,
        Abstract = abstractText ?? "An abstract about " + title,
        Source = source,
        ArxivId = arxiv,
        Doi = doi,
        Authors = [.. authors ?? ["Ada Lovelace"]],
        Categories = [.. categories ?? ["cs.LG"]],
        Upvotes = upvotes,
    };

    [Fact]
    public async Task Upsert_NewPaper_FoundByArxivIdDoiAndPublicId()
    {
        await using var s = await CreateAsync();
        var result = await s.Papers.UpsertAsync([Record("Attention is all you need for storage", arxiv: "1706.03762v2", doi: "10.1000/ABC")], Ct);

        var paper = Assert.Single(result.Added);
        Assert.Equal("1706.03762", paper.Id);
        Assert.Equal(paper.Seq, (await s.Papers.GetAsync("arXiv:1706.03762v5", Ct))?.Seq);
        Assert.Equal(paper.Seq, (await s.Papers.GetAsync("10.1000/abc", Ct))?.Seq);
        Assert.Equal(paper.Seq, (await s.Papers.GetAsync("1706.03762", Ct))?.Seq);
        Assert.Null(await s.Papers.GetAsync("nothing-like-it", Ct));
        Assert.Equal(1, await s.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task Upsert_SameArxivPaperTwice_MergesSourcesAndCategories()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("A paper about merging records", arxiv: "2401.00001", categories: ["cs.LG"])], Ct);
        var again = await s.Papers.UpsertAsync([Record("A Paper About Merging Records", arxiv: "2401.00001v3", source: "openalex", categories: ["cs.CL"], upvotes: 7)], Ct);

        Assert.Empty(again.Added);
        Assert.Equal(1, again.Merged);
        var paper = (await s.Papers.GetAsync("2401.00001", Ct))!;
        Assert.Equal(["cs.LG", "cs.CL"], paper.Categories);
        Assert.Equal(["test", "openalex"], paper.Sources);
        Assert.Equal(7, paper.Upvotes);
    }

    [Fact]
    public async Task Upsert_DoiRecordThenArxivRecordOfTheSameTitle_OnePaperWithTheArxivId()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("Deep residual learning for image recognition", doi: "10.1109/cvpr.2016.90")], Ct);
        var second = await s.Papers.UpsertAsync([Record("Deep Residual Learning for Image Recognition", arxiv: "1512.03385")], Ct);

        Assert.Empty(second.Added);
        var paper = (await s.Papers.GetAsync("10.1109/cvpr.2016.90", Ct))!;
        Assert.Equal("1512.03385", paper.Id);
        Assert.Equal(1, await s.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task Upsert_InOneBatchTheSamePaperTwice_OneAddedAndMerged()
    {
        await using var s = await CreateAsync();
        var result = await s.Papers.UpsertAsync(
        [
            Record("Batch duplicates are merged in memory", arxiv: "2402.00002", authors: ["A. Lovelace"]),
            Record("Batch duplicates are merged in memory", arxiv: "2402.00002v2", authors: ["Ada Lovelace", "Charles Babbage"], source: "other"),
        ], Ct);

        var paper = Assert.Single(result.Added);
        Assert.Equal(1, result.Merged);
        Assert.Equal(["Ada Lovelace", "Charles Babbage"], paper.Authors);
        Assert.Equal(["test", "other"], paper.Sources);
    }

    [Fact]
    public async Task Upsert_ShortGenericTitlesWithoutIds_StayApartWithDistinctIds()
    {
        await using var s = await CreateAsync();
        var result = await s.Papers.UpsertAsync([Record("Introduction"), Record("Introduction", authors: ["Someone Else"])], Ct);
        var more = await s.Papers.UpsertAsync([Record("Introduction", authors: ["Third Person"])], Ct);

        Assert.Equal(2, result.Added.Length);
        Assert.Single(more.Added);
        var ids = result.Added.Concat(more.Added).Select(p => p.Id).ToList();
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task Upsert_RecordWithoutTitle_SkippedWithAReason()
    {
        await using var s = await CreateAsync();
        var result = await s.Papers.UpsertAsync([Record("   ")], Ct);

        Assert.Empty(result.Added);
        Assert.Single(result.Skipped);
    }

    [Fact]
    public async Task Search_WordInTitle_RanksAboveWordInAbstract()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync(
        [
            Record("A study of galaxies", arxiv: "2403.00001", abstractText: "We look at quasars in passing."),
            Record("Quasars explained", arxiv: "2403.00002", abstractText: "Bright objects."),
            Record("Unrelated gardening", arxiv: "2403.00003", abstractText: "Tomatoes."),
        ], Ct);

        var hits = await s.Papers.SearchAsync("quasars", 10, Ct);

        Assert.Equal(["2403.00002", "2403.00001"], hits.Select(h => h.Paper.Id));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task Search_CandidateBudget_UpToItEveryMatchRankedAsWithoutOne_AboveItTheNewestRankedTheSameAndSaidSo()
    {
        await using var s = await CreateAsync();
        // 72 papers that all say "gauge" (dense matches) and every sixth "lattice" (sparse), at varied frequencies and
        // lengths so that scores differ; two words of the title in a few.
        var added = (await s.Papers.UpsertAsync(
        [
            .. Enumerable.Range(0, 72).Select(i => Record(
                i % 9 == 0 ? $"Gauge lattice fields, part {i}" : $"Field study number {i}",
                arxiv: $"2405.{i:00000}",
                abstractText: string.Join(' ', Enumerable.Repeat("gauge", 1 + i % 4))
                    + (i % 6 == 0 ? " " + string.Join(' ', Enumerable.Repeat("lattice", 1 + i % 5)) : "")
                    + " of the theory " + string.Join(' ', Enumerable.Repeat("filler", i % 7)))),
        ], Ct)).Added;
        Assert.Equal(72, added.Length);
        var options = s.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        (string Id, double Score)[] Ranked(PaperSearchResult r) => [.. r.Select(h => (h.Paper.Id, h.Score))];
        async Task<PaperSearchResult> Search(string query, int budget, int limit = 100)
        {
            options.SearchCandidates = budget;
            return await s.Papers.SearchAsync(query, limit, Ct);
        }

        foreach (var (query, atLeast) in new[] { ("gauge", 72), ("lattice", 12), ("gauge lattice", 12), ("\"gauge lattice\"", 8) })
        {
            var every = await Search(query, budget: 0); // every match ranked: the ranking without a budget
            Assert.Null(every.Partial);
            var matches = every.Count;
            Assert.InRange(matches, atLeast, 72);

            // Up to the budget: the same papers, order and scores, for the whole list and for a page of it.
            var within = await Search(query, budget: matches);
            Assert.Null(within.Partial);
            Assert.Equal(Ranked(every), Ranked(within));
            Assert.Equal(Ranked(every).Take(5), Ranked(await Search(query, budget: matches + 50, limit: 5)));

            // Above it: the newest `budget` matches (the highest seqs), ranked as they ranked among all, and said so.
            var budget = matches / 2;
            var over = await Search(query, budget);
            Assert.Equal(new SearchCoverage(budget + 1, budget), over.Partial);
            var newest = every.Select(h => h.Paper.Seq).Order().TakeLast(budget).ToHashSet();
            Assert.Equal(Ranked(every).Where((_, i) => newest.Contains(every[i].Paper.Seq)), Ranked(over));
            Assert.Equal(Ranked(over).Take(3), Ranked(await Search(query, budget, limit: 3)));
        }

        options.SearchCandidates = 3; // the any-word second pass is bounded the same way
        var any = await s.Papers.SearchAsync("lattice nonexistentword", 10, Ct);
        Assert.Equal(new SearchCoverage(4, 3), any.Partial);
        Assert.Equal(3, any.Count);
    }

    [Fact]
    public async Task Search_AllWordsFirstThenAny_AndSyntaxIsInert()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync(
        [
            Record("Graph neural networks", arxiv: "2404.00001"),
            Record("Convolutional networks", arxiv: "2404.00002"),
        ], Ct);

        Assert.Equal(["2404.00001"], (await s.Papers.SearchAsync("graph networks", 10, Ct)).Select(h => h.Paper.Id));
        Assert.Equal(2, (await s.Papers.SearchAsync("graph convolutional", 10, Ct)).Count); // no paper has both: any
        Assert.Empty(await s.Papers.SearchAsync("!!! ---", 10, Ct));
        foreach (var hostile in new[] { "\"unclosed", "a & b | !c", "NEAR(x y)", "-graph OR", "graph:*", "'quoted'", "title: graph" })
        {
            _ = await s.Papers.SearchAsync(hostile, 10, Ct); // never throws
        }

        Assert.Single(await s.Papers.SearchAsync("\"graph neural\"", 10, Ct));
    }

    [Fact]
    public async Task FindByTitle_ExactFoldedTitleFirst_ThenTitleWords()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync(
        [
            Record("Learning to rank with partial labels", arxiv: "2405.00001"),
            Record("Ranking in the wild", arxiv: "2405.00002", abstractText: "learning partial labels everywhere"),
        ], Ct);

        var exact = await s.Papers.FindByTitleAsync("LEARNING to rank, with partial labels!", 5, Ct);
        Assert.Equal("2405.00001", Assert.Single(exact).Paper.Id);

        var words = await s.Papers.FindByTitleAsync("partial labels learning", 5, Ct);
        Assert.Equal("2405.00001", Assert.Single(words).Paper.Id); // the other has these words only in its abstract
    }

    [Fact]
    public async Task RecentlyIndexedAndMostUpvoted_FollowTheClockAndVotes()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("Old paper on trending topics", arxiv: "2406.00001", upvotes: 50)], Ct);
        s.Clock.Advance(TimeSpan.FromDays(10));
        var since = s.Clock.GetUtcNow();
        await s.Papers.UpsertAsync([Record("New paper on trending topics", arxiv: "2406.00002", upvotes: 3), Record("Newer unvoted paper here", arxiv: "2406.00003")], Ct);

        Assert.Equal(2, (await s.Papers.RecentlyIndexedAsync(since, 10, Ct)).Count);
        Assert.Equal(["2406.00002"], (await s.Papers.MostUpvotedAsync(since, 10, Ct)).Select(p => p.Id));
        Assert.Equal(["2406.00001", "2406.00002"], (await s.Papers.MostUpvotedAsync(since.AddDays(-30), 10, Ct)).Select(p => p.Id));
    }

    [Fact]
    public async Task StreamAllAndGetBySeq_InSeqOrderAndInTheAskedOrder()
    {
        await using var s = await CreateAsync();
        var added = (await s.Papers.UpsertAsync([.. Enumerable.Range(0, 30).Select(i => Record($"Paper number {i} of a long series", arxiv: $"2407.{i:00000}"))], Ct)).Added;

        var streamed = new List<Paper>();
        await foreach (var p in s.Papers.StreamAllAsync(Ct))
        {
            streamed.Add(p);
        }

        Assert.Equal(added.Select(p => p.Seq), streamed.Select(p => p.Seq));
        var asked = new[] { added[5].Seq, added[1].Seq, 999_999 };
        Assert.Equal([added[5].Seq, added[1].Seq], (await s.Papers.GetBySeqAsync(asked, Ct)).Select(p => p.Seq));
    }

    [Fact]
    public async Task Authors_InitialAndFullName_OneClusterFoundSuggestedAndSpelledNear()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync(
        [
            Record("Notes on the analytical engine", arxiv: "2408.00001", authors: ["A. Lovelace", "Charles Babbage"]),
            Record("Sketch of the analytical engine", arxiv: "2408.00002", authors: ["Ada Lovelace"]),
            Record("Something by a namesake author", arxiv: "2408.00003", authors: ["Zed Lovelace"]),
        ], Ct);

        var found = await s.Authors.FindAsync("Ada Lovelace", 5, Ct);
        var ada = Assert.Single(found);
        Assert.Equal(2, ada.PaperCount);
        Assert.Contains(await s.Authors.SuggestAsync("lovel", 10, Ct), c => c.Id == ada.Id);
        Assert.Contains("Ada Lovelace", await s.Authors.SpellingNeighboursAsync("Ada Lovelase", 5, Ct));

        var profile = (await s.Authors.GetProfileAsync(ada.Id, Ct))!;
        Assert.Equal(2, profile.Papers.Length);
        Assert.Contains("Charles Babbage", profile.Coauthors.Select(c => c.Name));
        Assert.Contains("Ada Lovelace", profile.Variants);
    }

    [Fact]
    public async Task Authors_BetterBylineOnMerge_ReplacesLinksAndRecounts()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("A paper whose byline grows later", arxiv: "2409.00001", authors: ["Grace Hopper"])], Ct);
        await s.Papers.UpsertAsync([Record("A paper whose byline grows later", arxiv: "2409.00001", authors: ["Grace Hopper", "Alan Turing"])], Ct);

        var turing = Assert.Single(await s.Authors.FindAsync("Alan Turing", 5, Ct));
        Assert.Equal(1, turing.PaperCount);
        Assert.Equal(1, Assert.Single(await s.Authors.FindAsync("Grace Hopper", 5, Ct)).PaperCount);
    }

    [Fact]
    public async Task SourceCursorsAndCache_RoundTripAndExpire()
    {
        await using var s = await CreateAsync();
        Assert.Null(await s.Cursors.GetAsync("arxiv", Ct));
        await s.Cursors.SetAsync("arxiv", "token-1", s.Clock.GetUtcNow(), Ct);
        await s.Cursors.SetAsync("arxiv", "token-2", s.Clock.GetUtcNow(), Ct);
        Assert.Equal("token-2", (await s.Cursors.GetAsync("arxiv", Ct))!.Cursor);

        await s.Cache.SetAsync("k", "v1", Ct);
        Assert.Equal("v1", await s.Cache.GetAsync("k", TimeSpan.FromHours(1), Ct));
        s.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await s.Cache.GetAsync("k", TimeSpan.FromHours(1), Ct));
    }

    [Fact]
    public async Task Alerts_MatchClaimOnceSend_AndCountByState()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("Before the subscription: transformers", arxiv: "2410.00001")], Ct);
        var sub = await s.Alerts.AddAsync(new NewAlertSubscription(Lab, "transformers", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1"), Ct);
        await s.Papers.UpsertAsync([Record("Transformers for tables", arxiv: "2410.00002"), Record("Gardening tips", arxiv: "2410.00003")], Ct);

        var due = await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct);
        var alert = Assert.Single(due);
        Assert.Equal(sub.Id, alert.SubscriptionId);
        Assert.Single(await s.Alerts.ClaimAsync([alert.Id], "key-1", s.Clock.GetUtcNow(), Ct));
        Assert.Empty(await s.Alerts.ClaimAsync([alert.Id], "key-2", s.Clock.GetUtcNow(), Ct));
        await s.Alerts.MarkSentAsync("key-1", s.Clock.GetUtcNow(), Ct);

        Assert.Empty(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct));
        Assert.Equal(1, (await s.Alerts.CountByStateAsync(Ct))[AlertDeliveryState.Sent]);
        Assert.Equal(1, (await s.Alerts.ListAsync(Lab, Ct)).Single().MatchCount);
    }

    [Fact]
    public async Task Alerts_InterruptedSend_ResentOnlyUnderItsOwnKey()
    {
        await using var s = await CreateAsync();
        await s.Alerts.AddAsync(new NewAlertSubscription(Lab, "quantum", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1"), Ct);
        await s.Papers.UpsertAsync([Record("Quantum error correction", arxiv: "2411.00001")], Ct);
        var alert = Assert.Single(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct));
        await s.Alerts.ClaimAsync([alert.Id], "key-1", s.Clock.GetUtcNow(), Ct);

        s.Clock.Advance(TimeSpan.FromMinutes(10));
        var interrupted = Assert.Single(await s.Alerts.ListInterruptedAsync(s.Clock.GetUtcNow().AddMinutes(-5), Ct));
        Assert.Equal("key-1", interrupted.MessageKey);
        await s.Alerts.MarkResendAsync("key-1", s.Clock.GetUtcNow(), "interrupted", Ct);

        Assert.Empty(await s.Alerts.ClaimAsync([alert.Id], "key-other", s.Clock.GetUtcNow(), Ct));
        Assert.Single(await s.Alerts.ClaimAsync([alert.Id], "key-1", s.Clock.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task Alerts_RemoveAndDisable_CancelUnsentRowsOfThatChannelOnly()
    {
        await using var s = await CreateAsync();
        var other = new ChannelAddress("slack", "T1", "C9");
        var sub = await s.Alerts.AddAsync(new NewAlertSubscription(Lab, "robots", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1"), Ct);
        await s.Alerts.AddAsync(new NewAlertSubscription(other, "robots", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u2"), Ct);
        await s.Papers.UpsertAsync([Record("Robots that fold laundry", arxiv: "2412.00001")], Ct);

        Assert.Null(await s.Alerts.RemoveAsync(other, sub.Id, Ct)); // another channel's id
        Assert.NotNull(await s.Alerts.RemoveAsync(Lab, sub.Id, Ct));
        var due = await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct);
        Assert.Equal(other, Assert.Single(due).Channel);
        Assert.Equal(1, await s.Alerts.DisableChannelAsync(other, "gone", s.Clock.GetUtcNow(), Ct));
        Assert.Empty(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct));
    }

    [Fact]
    public async Task Similarity_ModelsAndVectors_RoundTripAndOldVersionsGo()
    {
        await using var s = await CreateAsync();
        var v1 = await s.Vectors.SaveModelAsync("lsa", 4, 10, new byte[] { 1, 2, 3 }, Ct);
        var v2 = await s.Vectors.SaveModelAsync("lsa", 4, 20, new byte[] { 4, 5 }, Ct);
        Assert.True(v2 > v1);
        await s.Vectors.SaveVectorsAsync([new StoredVector(1, v1, 2020, "cs.LG", new byte[] { 9 }), new StoredVector(2, v2, 2021, "cs.CL", new byte[] { 8, 7 })], Ct);
        await s.Vectors.SaveVectorsAsync([new StoredVector(1, v2, 2020, "cs.LG", new byte[] { 6 })], Ct);

        var latest = (await s.Vectors.GetLatestModelAsync("lsa", Ct))!;
        Assert.Equal(v2, latest.Version);
        Assert.Equal(new byte[] { 4, 5 }, latest.Data.ToArray());
        var vectors = new List<StoredVector>();
        await foreach (var v in s.Vectors.StreamVectorsAsync(v2, Ct))
        {
            vectors.Add(v);
        }

        Assert.Equal([1L, 2L], vectors.Select(v => v.Seq));
        Assert.Equal(new byte[] { 6 }, vectors[0].Vector.ToArray());
        await s.Vectors.DeleteVectorsBeforeAsync(v2, Ct);
        Assert.Null(await s.Vectors.GetLatestModelAsync("other", Ct));
    }

    [Fact]
    public async Task Similarity_VectorsKeptPerModelVersion_ARefitRemovesOnlyItsOwnKindsOlderVersions()
    {
        await using var s = await CreateAsync();
        var lsa1 = await s.Vectors.SaveModelAsync("lsa", 4, 10, new byte[] { 1 }, Ct);
        var neural = await s.Vectors.SaveModelAsync("neural/test", 4, 10, new byte[] { 2 }, Ct);
        var lsa2 = await s.Vectors.SaveModelAsync("lsa", 4, 20, new byte[] { 3 }, Ct);
        // One paper, three vectors: the old LSA version's, the neural engine's and the refit's; none replaces another.
        await s.Vectors.SaveVectorsAsync(
        [
            new StoredVector(1, lsa1, 2020, "cs.LG", new byte[] { 11 }), new StoredVector(1, neural, 2020, "cs.LG", new byte[] { 22 }),
            new StoredVector(1, lsa2, 2020, "cs.LG", new byte[] { 33 }), new StoredVector(2, lsa2, 2021, "cs.CL", new byte[] { 44 }),
        ], Ct);

        Assert.Equal([(1L, (byte)11)], await VectorsAsync(s, lsa1));
        Assert.Equal([(1L, (byte)22)], await VectorsAsync(s, neural));
        Assert.Equal([(1L, (byte)33), (2L, (byte)44)], await VectorsAsync(s, lsa2));

        await s.Vectors.DeleteVectorsBeforeAsync(lsa2, Ct);

        Assert.Empty(await VectorsAsync(s, lsa1));
        Assert.Equal([(1L, (byte)22)], await VectorsAsync(s, neural));
        Assert.Equal(neural, (await s.Vectors.GetLatestModelAsync("neural/test", Ct))!.Version);
        Assert.Equal(lsa2, (await s.Vectors.GetLatestModelAsync("lsa", Ct))!.Version);
    }

    [Fact]
    public async Task Similarity_AugmentedVariant_APassRemovesOnlyOlderAugmentedVersions_TheRawVectorsStay()
    {
        // The neural engine's augmentation pass: raw vectors (kind neural/…), then augmented ones of the same papers as a
        // kind of their own (neural/…+dba), computed after them; a new paper's raw and augmented vectors in one save.
        await using var s = await CreateAsync();
        var raw = await s.Vectors.SaveModelAsync("neural/test", 4, 10, new byte[] { 1 }, Ct);
        var first = await s.Vectors.SaveModelAsync("neural/test+dba", 4, 10, new byte[] { 2 }, Ct);
        await s.Vectors.SaveVectorsAsync([new StoredVector(1, raw, 2020, "cs.LG", new byte[] { 11 }), new StoredVector(1, first, 2020, "cs.LG", new byte[] { 21 })], Ct);
        await s.Vectors.DeleteVectorsBeforeAsync(first, Ct);
        await s.Vectors.SaveVectorsAsync([new StoredVector(2, raw, 2021, "cs.CL", new byte[] { 12 }), new StoredVector(2, first, 2021, "cs.CL", new byte[] { 22 })], Ct);
        var second = await s.Vectors.SaveModelAsync("neural/test+dba", 4, 20, new byte[] { 3 }, Ct);
        await s.Vectors.SaveVectorsAsync([new StoredVector(1, second, 2020, "cs.LG", new byte[] { 31 }), new StoredVector(2, second, 2021, "cs.CL", new byte[] { 32 })], Ct);

        // Until the second pass is complete the first still answers (a restart may load it).
        Assert.Equal([(1L, (byte)21), (2L, (byte)22)], await VectorsAsync(s, first));
        await s.Vectors.DeleteVectorsBeforeAsync(second, Ct);

        Assert.Empty(await VectorsAsync(s, first));
        Assert.Equal([(1L, (byte)31), (2L, (byte)32)], await VectorsAsync(s, second));
        Assert.Equal([(1L, (byte)11), (2L, (byte)12)], await VectorsAsync(s, raw)); // the next pass reads them
        Assert.Equal(raw, (await s.Vectors.GetLatestModelAsync("neural/test", Ct))!.Version);
        Assert.Equal(second, (await s.Vectors.GetLatestModelAsync("neural/test+dba", Ct))!.Version);
    }

    private static async Task<List<(long Seq, byte First)>> VectorsAsync(StorageUnderTest s, int version)
    {
        var list = new List<(long, byte)>();
        await foreach (var v in s.Vectors.StreamVectorsAsync(version, Ct))
        {
            Assert.Equal(version, v.ModelVersion);
            list.Add((v.Seq, v.Vector.Span[0]));
        }

        return list;
    }

    private static readonly ChannelAddress OtherGuild = new("discord", "g2", "c1");
    private static readonly string[] DiffusionWords = ["denoising", "sampler", "guidance", "latent", "score", "synthesis", "noise", "schedule", "classifier", "prompt", "upsampling", "video", "editing", "inpainting", "distillation"];
    private static readonly string[] RobotWords = ["quadruped", "terrain", "gait", "reinforcement", "control", "legged", "balance", "sim2real", "actuator", "policy", "stairs", "humanoid", "torque", "contact", "planning"];

    /// <summary>Recent history of two topics (diffusion image generation, legged robots); returns the first diffusion paper's seq.</summary>
    private static async Task<long> LikeHistoryAsync(StorageUnderTest s)
    {
        var records = new List<PaperRecord>();
        for (var i = 1; i <= 12; i++)
        {
            var d = DiffusionWords;
            var r = RobotWords;
            records.Add(Record($"Diffusion image {d[i % 15]} {d[(i + 4) % 15]}", arxiv: $"2602.{i:00000}", abstractText: $"diffusion image generation {d[(i + 1) % 15]} {d[(i + 7) % 15]} {d[(i + 9) % 15]}"));
            records.Add(Record($"Robot locomotion {r[i % 15]} {r[(i + 4) % 15]}", arxiv: $"2602.{100 + i:00000}", abstractText: $"robot locomotion learning {r[(i + 1) % 15]} {r[(i + 7) % 15]} {r[(i + 9) % 15]}"));
        }

        await s.Papers.UpsertAsync(records, Ct);
        return (await s.Papers.GetAsync("2602.00001", Ct))!.Seq;
    }

    private static Task<AlertSubscription> SubscribeLikeAsync(StorageUnderTest s, IReadOnlyList<long> examples, double perWeek = 5, int? maxShown = null) =>
        s.Alerts.AddAsync(new NewAlertSubscription(Lab, "like:2602.00001", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1", examples, perWeek, maxShown), Ct);

    private static PaperRecord LikedPaper(string arxiv = "2603.00001") =>
        Record("Diffusion image generation with classifier guidance", arxiv: arxiv, abstractText: "denoising diffusion sampler guidance image");

    /// <summary>Queues, claims and sends the one due alert under <paramref name="key"/>.</summary>
    private static async Task<PendingAlert> SendOneAsync(StorageUnderTest s, string key)
    {
        var alert = Assert.Single(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct));
        Assert.Single(await s.Alerts.ClaimAsync([alert.Id], key, s.Clock.GetUtcNow(), Ct));
        await s.Alerts.MarkSentAsync(key, s.Clock.GetUtcNow(), Ct);
        return alert;
    }

    [Fact]
    public async Task LikeSubscription_PaperLikeTheExample_QueuedInThePaperTransaction_WithItsFittedModel()
    {
        await using var s = await CreateAsync();
        var example = await LikeHistoryAsync(s);
        var sub = await SubscribeLikeAsync(s, [example]);
        Assert.True(Assert.Single(await s.Alerts.ListAsync(Lab, Ct)).IsLike);

        var added = (await s.Papers.UpsertAsync(
            [LikedPaper(), Record("Quadruped robot locomotion on rough terrain", arxiv: "2603.00003", abstractText: "legged robot locomotion control terrain")], Ct)).Added;

        var alert = Assert.Single(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct));
        Assert.Equal(sub.Id, alert.SubscriptionId);
        Assert.Equal(added[0].Seq, alert.PaperSeq);
        Assert.StartsWith("like 2602.00001", alert.Why, StringComparison.Ordinal);
        // Fitted by the batch, in its transaction, in the engine's space; the keyword percolator left it alone.
        Assert.Equal("hash/v1", (await s.Feedback.ModelAsync(sub.Id, Ct))!.SpaceId);
        Assert.Equal(1, Assert.Single(await s.Alerts.ListAsync(Lab, Ct)).MatchCount);
    }

    [Fact]
    public async Task LikeSubscription_EngineNotReady_PaperWaitsInTheBacklog_ThenMatchedInTheNewSpace()
    {
        await using var s = await CreateAsync();
        var example = await LikeHistoryAsync(s);
        var sub = await SubscribeLikeAsync(s, [example]);

        s.Engine.Ready = false;
        var waiting = (await s.Papers.UpsertAsync([LikedPaper()], Ct)).Added[0];
        Assert.Empty(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct));

        s.Engine.Ready = true;
        s.Engine.Version = 2; // and the engine refitted meanwhile: the model is refitted from its evidence
        await s.Papers.UpsertAsync([Record("Unrelated botany", arxiv: "2603.00009", abstractText: "plants leaves")], Ct);

        Assert.Contains(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct), a => a.PaperSeq == waiting.Seq && a.SubscriptionId == sub.Id);
        Assert.Equal("hash/v2", (await s.Feedback.ModelAsync(sub.Id, Ct))!.SpaceId);
    }

    [Fact]
    public async Task Votes_OnePerPersonAndAlert_Changeable_TalliedAndRefusedInAnotherWorkspaceOrChannel()
    {
        await using var s = await CreateAsync();
        var sub = await s.Alerts.AddAsync(new NewAlertSubscription(Lab, "transformers", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1"), Ct);
        await s.Papers.UpsertAsync([Record("Transformers for tables", arxiv: "2410.00002")], Ct);
        var pending = Assert.Single(await s.Alerts.ListDueAsync(s.Clock.GetUtcNow(), 10, Ct));
        Assert.IsType<VoteResult.NotHere>(await s.Feedback.VoteAsync(Lab, pending.Id, "alice", AlertVote.Up, s.Clock.GetUtcNow(), Ct)); // not posted yet
        var alert = await SendOneAsync(s, "key-1");

        var first = Assert.IsType<VoteResult.Recorded>(await s.Feedback.VoteAsync(Lab, alert.Id, "alice", AlertVote.Up, s.Clock.GetUtcNow(), Ct));
        var again = Assert.IsType<VoteResult.Recorded>(await s.Feedback.VoteAsync(Lab, alert.Id, "alice", AlertVote.Up, s.Clock.GetUtcNow(), Ct));
        var bob = Assert.IsType<VoteResult.Recorded>(await s.Feedback.VoteAsync(Lab, alert.Id, "bob", AlertVote.Up, s.Clock.GetUtcNow(), Ct));
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        var changed = Assert.IsType<VoteResult.Recorded>(await s.Feedback.VoteAsync(Lab, alert.Id, "alice", AlertVote.Down, s.Clock.GetUtcNow(), Ct));

        Assert.Equal((sub.Id, alert.PaperSeq, "key-1", true), (first.SubscriptionId, first.PaperSeq, first.MessageKey, first.Changed));
        Assert.False(again.Changed);
        Assert.True(bob.Changed);
        Assert.True(changed.Changed);
        foreach (var where in new[] { OtherGuild, Lab with { Channel = "c2" }, new ChannelAddress("slack", "g1", "c1") })
        {
            Assert.IsType<VoteResult.NotHere>(await s.Feedback.VoteAsync(where, alert.Id, "mallory", AlertVote.Down, s.Clock.GetUtcNow(), Ct));
        }

        Assert.IsType<VoteResult.NotHere>(await s.Feedback.VoteAsync(Lab, 999_999, "alice", AlertVote.Up, s.Clock.GetUtcNow(), Ct));
        var tallies = await s.Feedback.TalliesAsync([alert.Id, 999_999], Ct);
        Assert.Equal(new VoteTally(1, 1), Assert.Single(tallies, t => t.Key == alert.Id).Value);
        Assert.Single(tallies);
        var evidence = await s.Feedback.EvidenceAsync(sub.Id, Ct);
        Assert.Equal([("bob", AlertVote.Up), ("alice", AlertVote.Down)], evidence.Votes.Select(v => (v.UserId, v.Vote)));
        Assert.Equal(alert.Id, Assert.Single(await s.Feedback.MessageAsync(Lab, "key-1", Ct)).Id);
        Assert.Empty(await s.Feedback.MessageAsync(OtherGuild, "key-1", Ct));
    }

    [Fact]
    public async Task LikeSubscription_ExamplesModelAndVotes_RoundTrip_AndGoWithTheSubscription()
    {
        await using var s = await CreateAsync();
        var example = await LikeHistoryAsync(s);
        var second = (await s.Papers.GetAsync("2602.00002", Ct))!.Seq;
        var sub = await SubscribeLikeAsync(s, [example, second], perWeek: 3.5, maxShown: 4);
        var listed = Assert.Single(await s.Alerts.ListAsync(Lab, Ct));
        Assert.Equal((3.5, 4), (listed.PerWeek, listed.MaxShown));
        Assert.Equal([example, second], (await s.Feedback.EvidenceAsync(sub.Id, Ct)).Examples);

        Assert.False(await s.Feedback.SetExamplesAsync(OtherGuild, sub.Id, [second], "like:2602.00002", Ct));
        Assert.True(await s.Feedback.SetExamplesAsync(Lab, sub.Id, [second, example], "like:2602.00002 like:2602.00001", Ct));
        Assert.Equal([second, example], (await s.Feedback.EvidenceAsync(sub.Id, Ct)).Examples);
        Assert.Equal("like:2602.00002 like:2602.00001", Assert.Single(await s.Alerts.ListAsync(Lab, Ct)).Query);

        var weights = HashedPaperVectors.Of("diffusion image generation guidance", 1)!;
        await s.Feedback.SaveModelAsync(sub.Id, new InterestModel("hash/v1", weights, 0.25f, 0.5f), Ct);
        var model = (await s.Feedback.ModelAsync(sub.Id, Ct))!;
        Assert.Equal(("hash/v1", 0.25f, 0.5f), (model.SpaceId, model.Bias, model.Threshold));
        Assert.Equal(weights, model.Weights);

        await s.Papers.UpsertAsync([LikedPaper()], Ct);
        var alert = await SendOneAsync(s, "key-1");
        Assert.IsType<VoteResult.Recorded>(await s.Feedback.VoteAsync(Lab, alert.Id, "alice", AlertVote.Up, s.Clock.GetUtcNow(), Ct));
        Assert.Single((await s.Feedback.EvidenceAsync(sub.Id, Ct)).Votes);

        Assert.Null(await s.Alerts.RemoveAsync(OtherGuild, sub.Id, Ct));
        Assert.NotNull(await s.Alerts.RemoveAsync(Lab, sub.Id, Ct));

        Assert.Null(await s.Feedback.ModelAsync(sub.Id, Ct));
        var gone = await s.Feedback.EvidenceAsync(sub.Id, Ct);
        Assert.Empty(gone.Examples);
        Assert.Empty(gone.Votes);
        Assert.Empty(await s.Feedback.TalliesAsync([alert.Id], Ct));
        // Its alerts cannot be voted on any more (the votes would outlive what they taught).
        Assert.IsType<VoteResult.NotHere>(await s.Feedback.VoteAsync(Lab, alert.Id, "bob", AlertVote.Up, s.Clock.GetUtcNow(), Ct));
        Assert.False(await s.Feedback.SetExamplesAsync(Lab, sub.Id, [example], "like:2602.00001", Ct));
    }

    [Fact]
    public async Task KeywordNeighbours_AnyTerm_TitleAboveAbstract_AbstractOnlyWhenAsked()
    {
        await using var s = await CreateAsync();
        var added = (await s.Papers.UpsertAsync(
        [
            Record("Protein folding with diffusion", arxiv: "2501.00001", abstractText: "structures"),
            Record("Structures of things", arxiv: "2501.00002", abstractText: "protein folding again"),
        ], Ct)).Added;

        var any = await s.Keywords.SearchAnyAsync(["protein", "nothingword"], 10, abstractOnly: false, Ct);
        Assert.Equal([added[0].Seq, added[1].Seq], any.Select(h => h.Seq));
        var inAbstract = await s.Keywords.SearchAnyAsync(["protein"], 10, abstractOnly: true, Ct);
        Assert.Equal([added[1].Seq], inAbstract.Select(h => h.Seq));
        Assert.Empty(await s.Keywords.SearchAnyAsync(["", "   "], 10, abstractOnly: false, Ct));
    }

    [Fact]
    public async Task BulkLoad_CompletedLoad_SearchAndAuthorCountsWhole()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("Before the load on lattices", arxiv: "2502.00001", authors: ["Emmy Noether"])], Ct);
        await using (var load = await s.Bulk.BeginAsync(Ct))
        {
            await s.Papers.UpsertAsync([.. Enumerable.Range(2, 40).Select(i => Record($"Lattice paper {i} in the load", arxiv: $"2502.{i:00000}", authors: ["Emmy Noether"]))], Ct);
            await load.CompleteAsync(null, Ct);
        }

        Assert.Equal(41, (await s.Papers.SearchAsync("lattice", 100, Ct)).Count);
        Assert.Equal(41, Assert.Single(await s.Authors.FindAsync("Emmy Noether", 5, Ct)).PaperCount);
    }

    [Fact]
    public async Task Search_MergeReplacesTheAbstract_SearchFollowsIt_InAndOutsideABulkLoad()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("Sheaves on sites", arxiv: "2506.00001", abstractText: "Short note.")], Ct);
        await s.Papers.UpsertAsync([Record("Sheaves on sites", arxiv: "2506.00001", abstractText: "A much longer abstract about descent, stacks and gerbes over Grothendieck topologies.")], Ct);
        Assert.Single(await s.Papers.SearchAsync("gerbes", 10, Ct));
        Assert.Empty(await s.Papers.SearchAsync("note", 10, Ct));

        await using (var load = await s.Bulk.BeginAsync(Ct))
        {
            await s.Papers.UpsertAsync([Record("Motives in a load", arxiv: "2506.00002", abstractText: "Brief.")], Ct);
            await s.Papers.UpsertAsync([Record("Motives in a load", arxiv: "2506.00002", abstractText: "A far longer abstract on Chow groups, correspondences and the standard conjectures.")], Ct);
            await load.CompleteAsync(null, Ct);
        }

        Assert.Single(await s.Papers.SearchAsync("correspondences", 10, Ct));
        Assert.Empty(await s.Papers.SearchAsync("brief", 10, Ct));
        Assert.Single(await s.Papers.SearchAsync("motives", 10, Ct));
    }

    [Fact]
    public async Task JobLeases_OneHolderAtATime_FreeAgainWhenGivenUp()
    {
        await using var s = await CreateAsync();
        var first = await s.Leases.TryAcquireAsync("ingest", Ct);
        Assert.NotNull(first);
        Assert.Null(await s.Leases.TryAcquireAsync("ingest", Ct));
        await using (var other = await s.Leases.TryAcquireAsync("refit", Ct))
        {
            Assert.NotNull(other);
        }

        await first.DisposeAsync();
        await using var again = await s.Leases.TryAcquireAsync("ingest", Ct);
        Assert.NotNull(again);
        Assert.False(again.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task ScratchIndex_IsEmptyAndGoesAway()
    {
        await using var s = await CreateAsync();
        await s.Papers.UpsertAsync([Record("In the main index only", arxiv: "2503.00001")], Ct);
        await using var scratch = await s.Scratch.CreateAsync(Ct);

        Assert.Equal(0, await scratch.Papers.CountAsync(Ct));
        await scratch.Papers.UpsertAsync([Record("Only in scratch", arxiv: "2503.00002")], Ct);
        Assert.Equal(1, await scratch.Papers.CountAsync(Ct));
        Assert.Equal(1, await s.Papers.CountAsync(Ct));
    }
}

/// <summary>The storage contract on SQLite.</summary>
public sealed class SqliteStorageContract : StoragePortContract
{
    protected override Task<StorageUnderTest> CreateAsync() => Task.FromResult(StorageUnderTest.Sqlite());
}

/// <summary>The storage contract on PostgreSQL (skipped without a server, unless RESEARCHBOT_REQUIRE_POSTGRES=1).</summary>
[Collection(PostgresServer.BulkLockCollection)]
public sealed class PostgresStorageContract : StoragePortContract
{
    protected override Task<StorageUnderTest> CreateAsync() => StorageUnderTest.PostgresAsync();
}
