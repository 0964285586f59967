using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Neural;
using ResearchBot.TestKit;

namespace ResearchBot.Similarity.Tests;

/// <summary>
/// A model version another process completed (PostgreSQL tells the others with NOTIFY): each index loads it from the
/// shared store. Two indexes over one store stand for two processes.
/// </summary>
public sealed class ModelReloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lsa_RefitByAnotherProcess_LoadedAndSwappedIn_OtherKindsAndOlderVersionsIgnored()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        await f.Index.EnsureReadyAsync(Ct);
        using var other = f.NewIndex();
        await other.EnsureReadyAsync(Ct);
        var before = other.Engine!.Model.Version;
        var paper = (await f.Papers.FindByTitleAsync("Compiling to linear neurons", 1, Ct))[0].Paper;

        await f.Index.RefitAsync(Ct); // the first process refits: a new version, projected and stored
        var refit = f.Index.Engine!.Model.Version;
        Assert.True(refit > before);

        await other.OnModelStoredAsync("neural/other-engine", refit, Ct);
        Assert.Equal(before, other.Engine!.Model.Version);
        await other.OnModelStoredAsync(LsaEngine.Kind, refit, Ct);
        var reloaded = other.Engine!;
        await other.OnModelStoredAsync(LsaEngine.Kind, before, Ct);

        Assert.Equal(refit, reloaded.Model.Version);
        Assert.Same(reloaded, other.Engine);
        Assert.Equal(f.Index.Engine.Matrix.Count, reloaded.Matrix.Count);
        var here = await f.Index.FindSimilarAsync(paper, new SimilarityQuery(5), Ct);
        var there = await other.FindSimilarAsync(paper, new SimilarityQuery(5), Ct);
        Assert.Equal(here.Neighbours.Select(n => n.Paper.Seq), there.Neighbours.Select(n => n.Paper.Seq));
        Assert.Equal(here.Engine, there.Engine);
    }

    [Fact]
    public async Task Lsa_NotLoadedYet_NotificationLoadsNothing()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        await f.Index.EnsureReadyAsync(Ct);
        using var idle = f.NewIndex();

        await idle.OnModelStoredAsync(LsaEngine.Kind, f.Index.Engine!.Model.Version + 1, Ct);

        Assert.Null(idle.Engine); // its first load reads the newest version anyway
    }

    [Fact]
    public async Task Neural_ModelEmbeddedByAnotherProcess_LoadedByOneThatStartedBeforeTheFit_AndAnswersFromIt()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var embedder = new HashingTextEmbedder();
        using var waiting = f.NewNeuralIndex(embedder, f.NewIndex());
        Assert.False(await waiting.EnsureReadyAsync(Ct)); // no model yet: LSA answers
        using var worker = f.NewNeuralIndex(embedder, f.NewIndex());
        Assert.Equal(EmbeddingOutcome.Complete, await worker.EmbedMissingAsync(Ct));
        var texts = embedder.Texts;

        await waiting.OnModelStoredAsync(worker.Kind, worker.Engine!.Version, Ct);

        Assert.True(waiting.IsComplete);
        Assert.Equal(worker.Engine.Version, waiting.Engine!.Version);
        Assert.Equal(worker.Progress, waiting.Progress);
        Assert.Equal(texts, embedder.Texts); // loaded, not embedded again
        var paper = (await f.Papers.FindByTitleAsync("Compiling to linear neurons", 1, Ct))[0].Paper;
        Assert.StartsWith("neural", (await waiting.FindSimilarAsync(paper, new SimilarityQuery(5), Ct)).Engine, StringComparison.Ordinal);
    }
}
