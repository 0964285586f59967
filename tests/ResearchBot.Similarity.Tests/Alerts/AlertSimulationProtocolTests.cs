using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Evaluation.Alerts;

namespace ResearchBot.Similarity.Tests.Alerts;

public sealed class AlertSimulationProtocolTests
{
    [Fact]
    public void Split_ThirtyPercentHistory_ThenTenEqualContiguousBatches()
    {
        var (history, batches) = AlertSimulationProtocol.Split(100);

        Assert.Equal(30, history);
        Assert.Equal(10, batches.Count);
        Assert.All(batches, b => Assert.Equal(7, b.End - b.Start));
        Assert.Equal((30, 37), batches[0]);
        Assert.Equal(100, batches[^1].End);
    }

    [Fact]
    public void Split_UnevenStream_CoversEveryPaperOnceWithBatchesWithinOne()
    {
        var (history, batches) = AlertSimulationProtocol.Split(105);

        Assert.Equal(31, history);
        Assert.Equal(history, batches[0].Start);
        for (var i = 1; i < batches.Count; i++)
        {
            Assert.Equal(batches[i - 1].End, batches[i].Start);
        }

        Assert.Equal(105, batches[^1].End);
        Assert.InRange(batches.Max(b => b.End - b.Start) - batches.Min(b => b.End - b.Start), 0, 1);
    }

    [Fact]
    public void Channels_FortyLargestWithThirtyPapers_TiesBrokenByName()
    {
        // 42 categories: "big" with 40 papers, 40 with 30 ("k00"…"k39"), "small" with 29 (too few). Round-robin order,
        // so every category has its first papers in the history.
        var sizes = new Dictionary<string, int> { ["big"] = 40, ["small"] = 29 };
        for (var i = 0; i < 40; i++)
        {
            sizes[$"k{i:00}"] = 30;
        }

        var docs = new List<EvalDocument>();
        for (var round = 0; round < 40; round++)
        {
            foreach (var (name, size) in sizes.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                if (round < size)
                {
                    docs.Add(Doc($"{name}-{round}", name));
                }
            }
        }

        var channels = AlertSimulationProtocol.Channels(docs, AlertSimulationProtocol.Split(docs.Count).HistoryEnd, out var skipped);

        Assert.Equal(40, channels.Count);
        Assert.Equal(0, skipped);
        Assert.Equal("big", channels[0].Category);
        Assert.Equal([.. Enumerable.Range(0, 39).Select(i => $"k{i:00}")], channels.Skip(1).Select(c => c.Category));
        Assert.DoesNotContain(channels, c => c.Category is "k39" or "small");
    }

    [Fact]
    public void Channels_ExamplesAreTheFirstThreeHistoryPapersCarryingTheCategory_EvenCrossListed()
    {
        var docs = new List<EvalDocument>
        {
            Doc("0", "other", "x"),
            Doc("1", "x"),
            Doc("2", "other"),
            Doc("3", "x"),
            Doc("4", "x"),
            Doc("5", "x"),
        };
        docs.AddRange(Enumerable.Range(0, 60).Select(i => Doc($"s{i}", i % 2 == 0 ? "x" : "other")));

        var channels = AlertSimulationProtocol.Channels(docs, historyEnd: 6, out _);

        var x = Assert.Single(channels, c => c.Category == "x");
        Assert.Equal([0, 1, 3], x.Examples);
    }

    [Fact]
    public void Channels_FewerThanThreeInTheHistory_IsSkippedAndCounted()
    {
        var docs = new List<EvalDocument> { Doc("0", "late"), Doc("1", "early"), Doc("2", "early"), Doc("3", "early") };
        docs.AddRange(Enumerable.Range(0, 60).Select(i => Doc($"s{i}", i % 2 == 0 ? "late" : "early")));

        var channels = AlertSimulationProtocol.Channels(docs, historyEnd: 4, out var skipped);

        Assert.Equal("early", Assert.Single(channels).Category);
        Assert.Equal(1, skipped);
    }

    [Fact]
    public void Digest_TopTen_BestFirst_TiesInTimeOrder_UnmatchedNeverEnter()
    {
        float[] scores = [0.5f, float.NaN, 0.9f, 0.5f, float.NegativeInfinity, 0.1f, 0.5f, 0.2f, 0.3f, 0.4f, 0.6f, 0.05f, 0.01f];

        var digest = AlertSimulationProtocol.Digest(scores);

        Assert.Equal([2, 10, 0, 3, 6, 9, 8, 7, 5, 11], digest);
        Assert.Equal([2, 10], AlertSimulationProtocol.Digest(scores, 2));
        Assert.Empty(AlertSimulationProtocol.Digest([float.NaN, float.NegativeInfinity]));
    }

    [Fact]
    public void Votes_FirstFiveInRankOrder_UpWhenRelevant()
    {
        var votes = AlertSimulationProtocol.Votes([7, 3, 9, 1, 4, 8, 2], d => d % 2 == 1);

        Assert.Equal([new(7, true), new(3, true), new(9, true), new(1, true), new SimulatedVote(4, false)], votes);
        Assert.Equal([new SimulatedVote(2, false)], AlertSimulationProtocol.Votes([2], d => d % 2 == 1));
    }

    [Fact]
    public void IsRelevant_AnyPositionIgnoringCase()
    {
        Assert.True(AlertSimulationProtocol.IsRelevant(Doc("1", "cs.LG", "stat.ML"), "STAT.ml"));
        Assert.False(AlertSimulationProtocol.IsRelevant(Doc("1", "cs.LG"), "stat.ML"));
    }

    private static EvalDocument Doc(string id, params string[] categories) => new(id, "title " + id, "abstract " + id, categories);
}
