using System.Numerics.Tensors;
using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Neural;

namespace ResearchBot.Similarity.Tests;

public sealed class PcaReductionTests
{
    [Fact]
    public void Reduce_DataInALowDimensionalSubspace_KeepsEveryCosine()
    {
        // 300 vectors of 24 dimensions that vary in 4 directions only (around a common offset, as embeddings do).
        var random = new Random(5);
        var basis = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 24).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        var offset = Enumerable.Range(0, 24).Select(_ => 0.3f).ToArray();
        var sample = Enumerable.Range(0, 300).Select(_ =>
        {
            var v = (float[])offset.Clone();
            foreach (var b in basis)
            {
                TensorPrimitives.MultiplyAdd(b, (float)(random.NextDouble() * 2 - 1), v, v);
            }

            return v;
        }).ToList();

        var pca = PcaReduction.Fit(sample, 4);

        var mean = pca.Mean;
        for (var i = 0; i < 20; i++)
        {
            var (a, b) = (sample[i], sample[i + 100]);
            var expected = TensorPrimitives.CosineSimilarity(Centred(a), Centred(b));
            var (ra, rb) = (new float[4], new float[4]);
            Assert.True(pca.Reduce(a, ra) && pca.Reduce(b, rb));
            Assert.Equal(1f, TensorPrimitives.Norm(ra), 4);
            Assert.Equal(expected, TensorPrimitives.Dot(ra, rb), 3);
        }

        float[] Centred(float[] v) => [.. v.Select((x, j) => x - mean[j])];
    }

    [Fact]
    public void NeuralModel_RoundTripsThroughItsBlob()
    {
        var sample = Enumerable.Range(0, 50).Select(i => Enumerable.Range(0, 8).Select(j => (float)Math.Sin(i * 0.7 + j)).ToArray()).ToList();
        var terms = LsaFitter.FitTerms(["spiking neurons learn", "neurons in the visual cortex", "graph neural networks"], new LsaFitOptions());
        var model = new NeuralModel("fake/8", PcaReduction.Fit(sample, 3), terms);

        var copy = NeuralModel.Deserialize(model.Serialize());

        Assert.Equal("fake/8", copy.ModelId);
        Assert.Equal(3, copy.Dimensions);
        Assert.Equal(model.Pca.Components, copy.Pca.Components);
        Assert.Equal(model.Pca.Mean, copy.Pca.Mean);
        Assert.Equal(terms.Vocabulary, copy.Terms.Vocabulary);
        Assert.NotEmpty(copy.Terms.Weights("neurons of the cortex"));
        Assert.Null(copy.Augmented);

        // The augmented variant keeps how it was made, α included; a blob written before α was stored reads as α = 1.
        var augmented = NeuralModel.Deserialize(model.WithAugmentation(new Augmentation(4, 20, 1000, 2)).Serialize()).Augmented;
        Assert.Equal(new Augmentation(4, 20, 1000, 2, DatabaseAugmentation.WeightExponent), augmented);
        var old = new MemoryStream();
        using (var w = new BinaryWriter(old))
        {
            w.Write(0x31414244); // "DBA1"
            w.Write(4);
            w.Write(10);
            w.Write(1000L);
            w.Write(0);
            w.Write(model.Serialize());
        }

        var stale = NeuralModel.Deserialize(old.ToArray()).Augmented;
        Assert.Equal(new Augmentation(4, 10, 1000, 0, Exponent: 1), stale);
        // Only a pass over the same raw version with the configured k and this build's α is reused; the old one is redone.
        Assert.True(augmented!.Matches(4, 20));
        Assert.False(augmented.Matches(5, 20));
        Assert.False(augmented.Matches(4, 10));
        Assert.False(stale!.Matches(4, 10));
    }
}
