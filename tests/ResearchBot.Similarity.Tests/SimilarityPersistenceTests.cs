using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Similarity.Tests;

public sealed class SimilarityPersistenceTests
{
    [Fact]
    public async Task SaveModel_TwoVersions_LatestIsNewest()
    {
        using var f = new SimilarityFixture();
        var ct = TestContext.Current.CancellationToken;

        var v1 = await f.Store.SaveModelAsync("lsa-tfidf", 128, 10, new byte[] { 1, 2, 3 }, ct);
        var v2 = await f.Store.SaveModelAsync("lsa-tfidf", 128, 20, new byte[] { 4, 5 }, ct);
        var latest = await f.Store.GetLatestModelAsync("lsa-tfidf", ct);

        Assert.True(v2 > v1);
        Assert.Equal(v2, latest!.Version);
        Assert.Equal(20, latest.FittedOn);
        Assert.Equal(new byte[] { 4, 5 }, latest.Data.ToArray());
        Assert.Null(await f.Store.GetLatestModelAsync("onnx", ct));
    }

    [Fact]
    public async Task SaveVectors_StreamByVersion_RoundTripsAndOldVersionsAreDeleted()
    {
        using var f = new SimilarityFixture();
        var ct = TestContext.Current.CancellationToken;
        await f.Store.SaveVectorsAsync([new StoredVector(1, 1, 2020, "cs.LG", new byte[] { 0, 0, 128, 63, 5, 251 }), new StoredVector(2, 1, 0, "", new byte[] { 0, 0, 128, 63, 1, 2 })], ct);
        await f.Store.SaveVectorsAsync([new StoredVector(2, 2, 2021, "q-bio.NC cs.NE", new byte[] { 0, 0, 128, 63, 7, 8 })], ct);

        var v1 = await ToListAsync(f.Store.StreamVectorsAsync(1, ct));
        var v2 = await ToListAsync(f.Store.StreamVectorsAsync(2, ct));
        await f.Store.DeleteVectorsBeforeAsync(2, ct);
        var afterDelete = await ToListAsync(f.Store.StreamVectorsAsync(1, ct));

        // Each version keeps its own vector of paper 2.
        Assert.Equal([1L, 2L], v1.Select(v => v.Seq));
        Assert.Equal((1L, 2020, "cs.LG"), (v1[0].Seq, v1[0].Year, v1[0].Categories));
        Assert.Equal(new byte[] { 0, 0, 128, 63, 5, 251 }, v1[0].Vector.ToArray());
        Assert.Equal("q-bio.NC cs.NE", Assert.Single(v2).Categories);
        Assert.Empty(afterDelete);
    }

    [Fact]
    public async Task DeleteVectorsBefore_KeepsOtherKindsModelsAndVectors()
    {
        using var f = new SimilarityFixture();
        var ct = TestContext.Current.CancellationToken;
        var lsa1 = await f.Store.SaveModelAsync("lsa-tfidf", 4, 10, new byte[] { 1 }, ct);
        var neural = await f.Store.SaveModelAsync("neural/fake", 4, 10, new byte[] { 2 }, ct);
        await f.Store.SaveVectorsAsync([new StoredVector(1, lsa1, 0, "", new byte[] { 0, 0, 128, 63, 1 }), new StoredVector(1, neural, 0, "", new byte[] { 0, 0, 128, 63, 2 })], ct);
        var lsa2 = await f.Store.SaveModelAsync("lsa-tfidf", 4, 20, new byte[] { 3 }, ct);
        await f.Store.SaveVectorsAsync([new StoredVector(1, lsa2, 0, "", new byte[] { 0, 0, 128, 63, 3 })], ct);

        await f.Store.DeleteVectorsBeforeAsync(lsa2, ct);

        Assert.Empty(await ToListAsync(f.Store.StreamVectorsAsync(lsa1, ct)));
        Assert.Single(await ToListAsync(f.Store.StreamVectorsAsync(lsa2, ct)));
        Assert.Equal(2, Assert.Single(await ToListAsync(f.Store.StreamVectorsAsync(neural, ct))).Vector.Span[4]);
        Assert.Equal(neural, (await f.Store.GetLatestModelAsync("neural/fake", ct))!.Version);
    }

    [Fact]
    public async Task Restart_LoadsStoredModelAndVectors_WithoutRefitting()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var ct = TestContext.Current.CancellationToken;
        await f.Index.EnsureReadyAsync(ct);
        var paper = (await f.Papers.FindByTitleAsync("Compiling to linear neurons", 1, ct))[0].Paper;
        var before = await f.Index.FindSimilarAsync(paper, new SimilarityQuery(5), ct);

        using var restarted = f.NewIndex();
        var after = await restarted.FindSimilarAsync(paper, new SimilarityQuery(5), ct);

        Assert.Equal(f.Index.Engine!.Model.Version, restarted.Engine!.Model.Version);
        Assert.Equal(f.Index.Engine.Matrix.Count, restarted.Engine.Matrix.Count);
        Assert.Equal(before.Neighbours.Select(n => n.Paper.Seq), after.Neighbours.Select(n => n.Paper.Seq));
    }

    [Fact]
    public async Task Load_IndexGrewPastRefitFactor_FitsNewModelVersion()
    {
        using var f = new SimilarityFixture();
        var ct = TestContext.Current.CancellationToken;
        var records = SimilarityFixture.DemoRecords();
        await f.Ingestor.IngestAsync([.. records.Take(60)], ct);
        await f.Index.EnsureReadyAsync(ct);
        var first = f.Index.Engine!.Model.Version;
        await f.Papers.UpsertAsync([.. records.Skip(60)], ct); // bypasses the listener, as if it had been down

        using var restarted = f.NewIndex();
        await restarted.EnsureReadyAsync(ct);

        Assert.True(restarted.Engine!.Model.Version > first);
        Assert.Equal(await f.Papers.CountAsync(ct), restarted.Engine.Matrix.Count);
        Assert.Empty(await ToListAsync(f.Store.StreamVectorsAsync(first, ct)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
