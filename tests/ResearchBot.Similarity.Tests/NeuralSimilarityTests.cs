using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Neural;
using ResearchBot.TestKit;

namespace ResearchBot.Similarity.Tests;

/// <summary>The neural engine with the deterministic hashing embedder on the demo data in a real SQLite index.</summary>
public sealed class NeuralSimilarityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BeforeEmbedding_AnswersWithLsa_AndSaysHowFarTheNeuralIndexIs()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());
        var paper = await PaperAsync(f, "Compiling to linear neurons");

        var result = await neural.FindSimilarAsync(paper, new SimilarityQuery(5), Ct);

        Assert.False(neural.IsComplete);
        Assert.StartsWith("LSA", result.Engine);
        Assert.Equal("neural index 0 %: answers use LSA until it is complete", result.Note);
        Assert.NotEmpty(result.Neighbours);
    }

    [Fact]
    public async Task EmbedMissing_CoversEveryPaper_ThenSwitchesFromLsaAtOnce()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var embedder = new HashingTextEmbedder();
        using var neural = f.NewNeuralIndex(embedder);
        var paper = await PaperAsync(f, "Compiling to linear neurons");
        await neural.EnsureReadyAsync(Ct);
        Assert.NotNull(f.Index.Engine); // LSA answers meanwhile

        var outcome = await neural.EmbedMissingAsync(Ct);
        var result = await neural.FindSimilarAsync(paper, new SimilarityQuery(5), Ct);

        Assert.Equal(EmbeddingOutcome.Complete, outcome);
        Assert.True(neural.IsComplete);
        var total = await f.Papers.CountAsync(Ct);
        Assert.Equal(new EmbeddingProgress(total, total, true), neural.Progress);
        Assert.StartsWith("neural hashing-bow/256", result.Engine);
        Assert.Null(result.Note);
        Assert.Null(f.Index.Engine); // LSA unloaded after the switch
        Assert.Equal(total, embedder.Texts); // the PCA sample's vectors were kept, not embedded twice
        Assert.DoesNotContain(result.Neighbours, n => n.Paper.Seq == paper.Seq);
    }

    [Fact]
    public async Task EmbedMissing_AfterACrash_ResumesWithoutEmbeddingStoredPapersAgain()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var total = await f.Papers.CountAsync(Ct);
        var crashing = new HashingTextEmbedder
        {
            // The first batches embed the PCA sample, then a few batches of 16 are stored before the crash.
            BeforeBatch = (batch, _, _) => batch == 11 ? throw new IOException("process killed") : Task.CompletedTask,
        };
        using (var first = f.NewNeuralIndex(crashing))
        {
            await Assert.ThrowsAsync<IOException>(() => first.EmbedMissingAsync(Ct));
            Assert.False(first.IsComplete);
        }

        var model = await f.Store.GetLatestModelAsync("neural/hashing-bow/256", Ct);
        var stored = await CountAsync(f.Store.StreamVectorsAsync(model!.Version, Ct));
        Assert.InRange(stored, 3 * 16, total - 16); // the PCA sample and three batches survived the crash

        var resumed = new HashingTextEmbedder();
        using var restarted = f.NewNeuralIndex(resumed);
        await restarted.EnsureReadyAsync(Ct);
        Assert.Equal(stored, restarted.Progress.Embedded);
        Assert.Equal($"neural index {stored * 100 / total} %: answers use LSA until it is complete", restarted.Progress.FooterNote);
        var outcome = await restarted.EmbedMissingAsync(Ct);

        Assert.Equal(EmbeddingOutcome.Complete, outcome);
        Assert.Equal(total - stored, resumed.Texts);
        Assert.Equal(model.Version, (await f.Store.GetLatestModelAsync("neural/hashing-bow/256", Ct))!.Version); // no refit
        Assert.Equal(total, await CountAsync(f.Store.StreamVectorsAsync(model.Version, Ct)));
        Assert.NotNull(await f.Store.GetLatestModelAsync("lsa-tfidf", Ct)); // LSA's model is left alone
    }

    [Fact]
    public async Task Restart_WithEveryPaperEmbedded_AnswersNeurallyWithoutLoadingLsa()
    {
        using var f = await EmbeddedAsync();
        using var lsa = f.NewIndex();
        var embedder = new HashingTextEmbedder();
        using var restarted = f.NewNeuralIndex(embedder, lsa);
        Assert.True(await restarted.EnsureReadyAsync(Ct));
        var result = await restarted.FindSimilarAsync(await PaperAsync(f, "Compiling to linear neurons"), new SimilarityQuery(5), Ct);

        Assert.Null(lsa.Engine);
        Assert.Equal(0, embedder.Texts); // an indexed paper's stored vector is the query
        Assert.Equal("Compiling to recurrent neurons", result.Neighbours[0].Paper.Title);
        Assert.NotEmpty(result.Neighbours[0].SharedTerms);
    }

    [Fact]
    public async Task FirstQuery_WithoutAWarmUp_LoadsTheStoredIndexAndAnswersNeurally()
    {
        // A one-shot `ask` has no warm-up service: the query itself loads the complete neural index.
        using var f = await EmbeddedAsync();
        using var lsa = f.NewIndex();
        using var cold = f.NewNeuralIndex(new HashingTextEmbedder(), lsa);
        var result = await cold.FindByDescriptionAsync("Compiling to linear neurons", new SimilarityQuery(5), Ct);

        Assert.StartsWith("neural hashing-bow/256", result.Engine);
        Assert.Null(result.Note);
        Assert.Null(lsa.Engine); // LSA was never needed
    }

    [Fact]
    public async Task NewPapers_AreEmbeddedAsTheyArrive()
    {
        using var f = new SimilarityFixture(SimilarityFixture.NeuralOptions());
        var records = SimilarityFixture.DemoRecords();
        await f.Ingestor.IngestAsync([.. records.Take(200)], Ct);
        var embedder = new HashingTextEmbedder();
        using var neural = f.NewNeuralIndex(embedder);
        await neural.EmbedMissingAsync(Ct);
        var before = embedder.Texts;
        var ingestor = new PaperIngestor(f.Papers, [f.Index, neural], NullLogger<PaperIngestor>.Instance);

        await ingestor.IngestAsync([.. records.Skip(200)], Ct);

        var total = await f.Papers.CountAsync(Ct);
        Assert.True(neural.IsComplete);
        Assert.Equal(total, neural.Progress.Embedded);
        Assert.Equal(total - 200, embedder.Texts - before);
        var late = await PaperAsync(f, records[^1].Title);
        var result = await neural.FindSimilarAsync(late, new SimilarityQuery(3), Ct);
        Assert.NotEmpty(result.Neighbours);
        Assert.Equal(total, await CountAsync(f.Store.StreamVectorsAsync(neural.Engine!.Version, Ct)));
    }

    [Fact]
    public async Task Description_FusesNeuralAndKeywordRankings_AndNamesSharedTerms()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());
        await neural.EmbedMissingAsync(Ct);

        var result = await neural.FindByDescriptionAsync("how dopamine neurons encode reward prediction errors in the brain", new SimilarityQuery(5), Ct);

        Assert.Equal(SimilarityStatus.Ok, result.Status);
        Assert.Equal(5, result.Neighbours.Length);
        Assert.Contains(result.Neighbours, n => !n.SharedTerms.IsDefaultOrEmpty);
    }

    [Fact]
    public async Task Description_ThatIsAPapersTitle_FindsThatPaperFirst()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());
        await neural.EmbedMissingAsync(Ct);

        var result = await neural.FindByDescriptionAsync("Compiling to linear neurons", new SimilarityQuery(5), Ct);

        Assert.Equal("Compiling to linear neurons", result.Neighbours[0].Paper.Title);
        Assert.Equal(result.Neighbours.Length, result.Neighbours.Select(n => n.Paper.Seq).Distinct().Count());
    }

    /// <summary>
    /// A description is a search query: embedded as one (arctic-embed prefixes its query instruction), as the eval's
    /// title→abstract figures are measured; a paper that is not embedded yet is embedded as a paper.
    /// </summary>
    [Fact]
    public async Task Description_IsEmbeddedAsAQuery_APaperNotYetEmbeddedAsAPaper()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var embedder = new HashingTextEmbedder();
        using var neural = f.NewNeuralIndex(embedder);
        await neural.EmbedMissingAsync(Ct);
        Assert.Equal(0, embedder.Queries);

        await neural.FindByDescriptionAsync("dopamine and reward prediction errors", new SimilarityQuery(5), Ct);
        Assert.Equal(1, embedder.Queries);

        var texts = embedder.Texts;
        var unseen = new Paper { Seq = 0, Id = "2612.00001", Title = "Spiking neurons that learn", Abstract = "Neurons learn.", IndexedAt = DateTimeOffset.UnixEpoch };
        var result = await neural.FindSimilarAsync(unseen, new SimilarityQuery(5), Ct);
        Assert.Equal(SimilarityStatus.Ok, result.Status);
        Assert.Equal(texts + 1, embedder.Texts);
        Assert.Equal(1, embedder.Queries);
    }

    [Fact]
    public async Task Filters_YearAndCategory_AreApplied()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());
        await neural.EmbedMissingAsync(Ct);

        var result = await neural.FindSimilarAsync(await PaperAsync(f, "Compiling to linear neurons"), new SimilarityQuery(3, 2015, "q-bio.NC"), Ct);

        Assert.InRange(result.Neighbours.Length, 1, 3);
        Assert.All(result.Neighbours, n => Assert.True(n.Paper.Published!.Value.Year >= 2015 && n.Paper.Categories.Contains("q-bio.NC")));
    }

    [Fact]
    public async Task LeaseHeldElsewhere_EmbedsNothing()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var embedder = new HashingTextEmbedder();
        using var neural = f.NewNeuralIndex(embedder, leases: new NoLeases());

        Assert.Equal(EmbeddingOutcome.HeldElsewhere, await neural.EmbedMissingAsync(Ct));
        Assert.Equal(0, embedder.Texts);
        Assert.False(neural.IsComplete);
    }

    [Fact]
    public async Task PaperVectors_FollowTheNeuralEngineOnceItSwitched()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());
        var paper = await PaperAsync(f, "Compiling to linear neurons");
        Assert.Null(neural.SpaceId);

        await neural.EmbedMissingAsync(Ct);
        var vectors = await neural.VectorsOfAsync([paper, paper with { Seq = 0, Title = "A paper that is not indexed" }], Ct);

        Assert.StartsWith("neural/hashing-bow/256+dba/v", neural.SpaceId); // augmented once the pass is complete
        Assert.Equal(64, neural.Dimensions);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v!.Sum(x => (double)x * x)), 2));
    }

    /// <summary>The demo index with every paper embedded by an earlier run (a process since stopped).</summary>
    private static async Task<SimilarityFixture> EmbeddedAsync()
    {
        var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var first = f.NewNeuralIndex(new HashingTextEmbedder());
        await first.EmbedMissingAsync(Ct);
        return f;
    }

    private static async Task<Paper> PaperAsync(SimilarityFixture f, string title) =>
        (await f.Papers.FindByTitleAsync(title, 1, Ct))[0].Paper;

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> source)
    {
        var n = 0;
        await foreach (var _ in source)
        {
            n++;
        }

        return n;
    }

    private sealed class NoLeases : IJobLeases
    {
        public Task<IJobLease?> TryAcquireAsync(string job, CancellationToken cancellationToken) => Task.FromResult<IJobLease?>(null);
    }
}
