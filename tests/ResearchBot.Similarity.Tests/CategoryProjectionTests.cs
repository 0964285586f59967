using System.Numerics.Tensors;
using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Neural;
using ResearchBot.TestKit;

namespace ResearchBot.Similarity.Tests;

/// <summary>The reduction learned from labelled papers (<see cref="CategoryProjection"/>) and its choice by configuration.</summary>
public sealed class CategoryProjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Two fields that differ along a quiet direction, while papers of both spread widely along another: PCA keeps the
    /// loud direction and mixes the fields; the category projection keeps the one that tells them apart.
    /// </summary>
    [Fact]
    public void Fit_KeepsTheDirectionThatSeparatesCategories_WherePcaKeepsTheLoudestOne()
    {
        var random = new Random(11);
        var (vectors, labels) = (new List<float[]>(), new List<string>());
        for (var i = 0; i < 400; i++)
        {
            var field = i % 2 == 0 ? "cs.LG" : "q-bio.NC";
            // The fields' means differ by 1 along axes 0 and 1; along axis 0 papers also spread ±3 within their field,
            // along axis 1 only by noise; axes 2–5: noise. Between-field directions alone would still weigh axis 0 equally.
            var shift = field == "cs.LG" ? 0.5f : -0.5f;
            float[] v = [(float)(random.NextDouble() * 6 - 3) + shift, shift + Noise(), Noise(), Noise(), Noise(), Noise()];
            vectors.Add(v);
            labels.Add(field);
        }

        var categories = CategoryProjection.Fit(vectors, labels, 1, lambda: 0.1);
        var pca = PcaReduction.Fit(vectors, 1);

        Assert.Equal((6, 1), (categories.InputDimensions, categories.Dimensions));
        Assert.Equal(1.0, Separation(categories)); // every paper on its field's side
        Assert.InRange(Separation(pca), 0.3, 0.7); // a coin toss

        double Separation(PcaReduction reduction)
        {
            var output = new float[1];
            var signs = vectors.Select(v => reduction.Reduce(v, output) ? Math.Sign(output[0]) : 0).ToList();
            var lgSign = signs[0];
            return Enumerable.Range(0, vectors.Count).Count(i => (labels[i] == "cs.LG") == (signs[i] == lgSign)) / (double)vectors.Count;
        }

        float Noise() => (float)(random.NextDouble() * 0.1 - 0.05);
    }

    [Fact]
    public void Fit_BadInput_ThrowsWithTheReason()
    {
        float[][] two = [[1, 0], [0, 1]];
        Assert.Throws<ArgumentException>(() => CategoryProjection.Fit(two, ["a"], 1, 1));
        Assert.Throws<ArgumentException>(() => CategoryProjection.Fit(two, ["a", "a"], 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CategoryProjection.Fit(two, ["a", "b"], 1, -1));
    }

    [Fact]
    public async Task Fit_ShippedProjection_IsTheModelsReduction_UnlessPcaIsConfigured()
    {
        var shipped = ShippedFor(new HashingTextEmbedder(), 64);
        var bytes = Serialize(shipped);

        var (withShipped, asked) = await FittedAsync(NeuralProjection.Categories, d => new MemoryStream(bytes));
        Assert.Equal(64, asked);
        Assert.Equal(shipped.Mean, withShipped.Mean);
        Assert.Equal(shipped.Components, withShipped.Components);

        var (withPca, _) = await FittedAsync(NeuralProjection.Pca, d => new MemoryStream(bytes));
        Assert.NotEqual(shipped.Components, withPca.Components);
        Assert.Equal(64, withPca.Dimensions);
    }

    [Fact]
    public async Task Fit_ShippedProjectionThatDoesNotFit_FallsBackToPca()
    {
        // Fitted for other dimensions, truncated, or absent: the index fits PCA as without one.
        var (pca, _) = await FittedAsync(NeuralProjection.Pca, _ => null);
        var wrongSize = Serialize(ShippedFor(new HashingTextEmbedder(dimensions: 128), 64));
        foreach (var open in new Func<int, Stream?>[] { _ => new MemoryStream(wrongSize), _ => new MemoryStream(wrongSize[..100]), _ => null })
        {
            var (model, _) = await FittedAsync(NeuralProjection.Categories, open);
            Assert.Equal((256, 64), (model.InputDimensions, model.Dimensions));
            Assert.Equal(pca.Components, model.Components);
        }
    }

    /// <summary>A category projection of the stand-in embedder's vectors of a few labelled texts.</summary>
    private static PcaReduction ShippedFor(HashingTextEmbedder embedder, int dimensions)
    {
        var texts = Enumerable.Range(0, 300).Select(i => $"topic{i % 3} shared words paper {i} word{i % 17} term{i % 23}").ToList();
        return CategoryProjection.Fit([.. texts.Select(embedder.Embed)], [.. texts.Select(t => t[..6])], dimensions, 1);
    }

    private static byte[] Serialize(PcaReduction reduction)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            reduction.Write(w);
        }

        return ms.ToArray();
    }

    /// <summary>Embeds the demo index with the stand-in model under <paramref name="projection"/>; the reduction its stored model has.</summary>
    private static async Task<(PcaReduction Reduction, int? Asked)> FittedAsync(NeuralProjection projection, Func<int, Stream?> open)
    {
        var options = SimilarityFixture.NeuralOptions();
        options.NeuralProjection = projection;
        using var f = await new SimilarityFixture(options).WithDemoDataAsync();
        int? asked = null;
        var embedder = new HashingTextEmbedder { Projection = d => { asked = d; return open(d); } };
        using var neural = f.NewNeuralIndex(embedder);
        await neural.EnsureReadyAsync(Ct);
        Assert.Equal(EmbeddingOutcome.Complete, await neural.EmbedMissingAsync(Ct));
        var stored = await f.Store.GetLatestModelAsync(NeuralModel.KindOf(embedder.ModelId), Ct);
        return (NeuralModel.Deserialize(stored!.Data).Pca, asked);
    }
}
