using ResearchBot.Core.Alerts;
using ResearchBot.Similarity.Evaluation.Alerts;

namespace ResearchBot.Similarity.Tests.Alerts;

public sealed class KeywordMethodTests
{
    [Fact]
    public void QueryOf_FiveStrongestSummedTerms_OredAndQuotedWhenBigrams_ParsesInTheQueryLanguage()
    {
        string[] vocabulary = ["graph", "neural network", "spectral", "weak", "kernel", "noise", "cluster"];
        var corpus = Corpus(vocabulary,
        [
            new([0, 1, 3], [0.6f, 0.5f, 0.1f]),
            new([0, 2, 5], [0.5f, 0.4f, 0.05f]),
            new([4, 6, 1], [0.3f, 0.2f, 0.1f]),
        ]);

        var text = KeywordMethod.QueryOf(corpus, new SimulatedChannel("x", [0, 1, 2]));

        // Summed: graph 1.1, neural network 0.6, spectral 0.4, kernel 0.3, cluster 0.2 | weak 0.1, noise 0.05.
        Assert.Equal("graph OR \"neural network\" OR spectral OR kernel OR cluster", text);
        var parsed = AlertQueryParser.Parse(text);
        Assert.True(parsed.Success, parsed.Error);
    }

    [Fact]
    public void QueryOf_ExamplesWithNoKnownTerm_GiveNoQuery() =>
        Assert.Null(KeywordMethod.QueryOf(Corpus(["a"], [SparseVector.Empty]), new SimulatedChannel("x", [0])));

    private static SimulationCorpus Corpus(string[] vocabulary, SparseVector[] sparse) => new()
    {
        Documents = [.. sparse.Select((_, i) => new Evaluation.EvalDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "t", "a", ["x"]))],
        HistoryEnd = sparse.Length,
        Batches = [],
        Channels = [],
        SpaceId = "test",
        Dense = [.. sparse.Select(_ => new float[2])],
        Sparse = sparse,
        Vocabulary = vocabulary,
    };
}
