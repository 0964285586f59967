using ResearchBot.Core.Papers;

namespace ResearchBot.Similarity.Tests;

public sealed class PaperResolverTests
{
    [Fact]
    public async Task Resolve_MissingArxivIdWithoutSource_SaysNotInIndex()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var result = await f.Resolver.ResolveAsync("https://arxiv.org/abs/2401.99999v2", TestContext.Current.CancellationToken);

        Assert.Contains("not in the index", Assert.IsType<PaperResolution.NotFound>(result).Message);
    }

    [Fact]
    public async Task Resolve_MissingArxivIdWithSource_FetchesIngestsAndProjects()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        await f.Index.EnsureReadyAsync(TestContext.Current.CancellationToken);
        var remote = new FakeRemote(new PaperRecord { Title = "Recurrent neurons compiled from programs", Abstract = "We compile programs into recurrent neural networks.", ArxivId = "2401.99999", Source = "arxiv" });
        var resolver = new PaperResolver(f.Papers, f.Ingestor, [remote]);
        var before = f.Index.Engine!.Matrix.Count;

        var result = await resolver.ResolveAsync("huggingface.co/papers/2401.99999", TestContext.Current.CancellationToken);

        var found = Assert.IsType<PaperResolution.Found>(result);
        Assert.True(found.Fetched);
        Assert.Equal("2401.99999", found.Paper.ArxivId);
        Assert.Equal(before + 1, f.Index.Engine!.Matrix.Count);
    }

    [Fact]
    public async Task Resolve_SourceUnreachable_SaysTryLater()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var resolver = new PaperResolver(f.Papers, f.Ingestor, [new FakeRemote(null, fail: true)]);

        var result = await resolver.ResolveAsync("2401.99999", TestContext.Current.CancellationToken);

        Assert.Contains("could not be reached", Assert.IsType<PaperResolution.NotFound>(result).Message);
    }

    private sealed class FakeRemote(PaperRecord? record, bool fail = false) : IRemotePaperLookup
    {
        public Task<PaperRecord?> LookupArxivAsync(ArxivId id, CancellationToken cancellationToken) =>
            fail ? throw new PaperSourceUnavailableException("HTTP 503") : Task.FromResult(record);
    }
}
