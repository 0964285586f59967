using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Text;

namespace ResearchBot.Similarity.Tests;

public sealed class LsaModelTests
{
    private static readonly string[] Corpus =
    [
        "Spiking neural networks trained with surrogate gradients",
        "Surrogate gradient learning in spiking neural networks",
        "Dopamine neurons encode reward prediction errors",
        "Reward prediction errors in midbrain dopamine neurons",
        "Graph neural networks for molecule property prediction",
        "Message passing graph networks predict molecule properties",
    ];

    [Fact]
    public void Fit_SmallCorpus_NeighboursShareTheTopic()
    {
        var model = LsaFitter.Fit(Corpus, new LsaFitOptions(Dimensions: 4));
        var vectors = Corpus.Select(t => { var v = new float[model.Dimensions]; Assert.True(model.Project(t, v)); return v; }).ToArray();

        for (var i = 0; i < Corpus.Length; i++)
        {
            var best = Enumerable.Range(0, Corpus.Length).Where(j => j != i)
                .OrderByDescending(j => System.Numerics.Tensors.TensorPrimitives.Dot(vectors[i], vectors[j])).First();
            Assert.Equal(i / 2, best / 2);
        }
    }

    [Fact]
    public void Serialize_RoundTrip_ProjectsIdentically()
    {
        var model = LsaFitter.Fit(Corpus, new LsaFitOptions(Dimensions: 4));
        var copy = LsaModel.Deserialize(model.Serialize());
        var a = new float[model.Dimensions];
        var b = new float[copy.Dimensions];

        model.Project("spiking surrogate gradients", a);
        copy.Project("spiking surrogate gradients", b);

        Assert.Equal(a, b);
        Assert.Equal(model.Vocabulary, copy.Vocabulary);
    }

    [Fact]
    public void Deserialize_Garbage_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => LsaModel.Deserialize(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));

    [Fact]
    public void Tokenize_StopWordsAndPunctuation_BreakBigrams()
    {
        var tokens = new TokenList();

        Tokenizer.Tokenize("Spiking networks, of the brain: Körding's model", tokens);

        Assert.Equal(["spiking", "network", "brain", "kording", "model"], Enumerable.Range(0, tokens.Count).Select(i => tokens[i].ToString()));
        Assert.Equal("spiking network", tokens.Bigram(1).ToString());
        Assert.True(tokens.Bigram(2).IsEmpty);
        Assert.True(tokens.Bigram(3).IsEmpty);
        Assert.Equal("kording model", tokens.Bigram(4).ToString());
    }

    [Fact]
    public void Rrf_ItemInBothLists_RanksFirst() =>
        Assert.Equal(3L, LsaSimilarityIndex.Rrf([1, 2, 3], [3, 4, 5])[0]);
}
