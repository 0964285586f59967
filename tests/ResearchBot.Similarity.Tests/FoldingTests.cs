using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Similarity.Tests;

public sealed class FoldingTests
{
    [Fact]
    public async Task Ingest_NewPaperAfterLoad_IsProjectedStoredAndFound()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var ct = TestContext.Current.CancellationToken;
        await f.Index.EnsureReadyAsync(ct);
        var version = f.Index.Engine!.Model.Version;
        var count = f.Index.Engine.Matrix.Count;

        await f.Ingestor.IngestAsync(
        [
            new PaperRecord
            {
                Title = "Compiling programs to recurrent and linear neurons",
                Abstract = "We compile programs into networks of recurrent neurons and linear neurons, so that a neural network executes the program.",
                ArxivId = "2411.00001",
                Source = "arxiv",
            },
        ], ct);
        var probe = (await f.Papers.FindByTitleAsync("Compiling to linear neurons", 1, ct))[0].Paper;
        var result = await f.Index.FindSimilarAsync(probe, new SimilarityQuery(5), ct);

        Assert.Equal(count + 1, f.Index.Engine.Matrix.Count);
        Assert.Equal(version, f.Index.Engine.Model.Version);
        Assert.Contains(result.Neighbours, n => n.Paper.ArxivId == "2411.00001");
        using var restarted = f.NewIndex();
        await restarted.EnsureReadyAsync(ct);
        Assert.Equal(count + 1, restarted.Engine!.Matrix.Count);
    }

    [Fact]
    public async Task FindByDescription_UnknownWords_SaysNoKnownTerms()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var result = await f.Index.FindByDescriptionAsync("zzxq wvvq", new SimilarityQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(SimilarityStatus.NoKnownTerms, result.Status);
    }

    [Fact]
    public async Task Find_EmptyIndex_IsNotReady()
    {
        using var f = new SimilarityFixture();

        var result = await f.Index.FindByDescriptionAsync("neurons", new SimilarityQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(SimilarityStatus.NotReady, result.Status);
    }
}
