using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Progress;
using ResearchBot.Similarity.Evaluation.Alerts;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Similarity.Tests.Alerts;

public sealed class AlertEvaluationTests
{
    private static AlertEvaluation NewEvaluation(IInterestLearner learner) =>
        new(new SqliteScratchIndexFactory(NullLoggerFactory.Instance, TimeProvider.System), learner, ProgressReporter.None);

    [Fact]
    public async Task Run_SyntheticCorpus_OneLinePerMethod_NameThenPrecisionThenDaysRecallF1()
    {
        var docs = SyntheticAlertCorpus.Create();
        var file = SyntheticAlertCorpus.WriteJsonLines(docs);
        var learner = new CountingCentroidLearner();
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            var code = await NewEvaluation(learner).RunAsync(new AlertEvalRequest(file, 16), output, error, TestContext.Current.CancellationToken);

            Assert.True(code == 0, error.ToString());
            var lines = output.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
            var rows = new Dictionary<string, double[]>();
            foreach (var name in new[] { "a-keywords", "b-like", "c-like+votes", "d-svm-tfidf" })
            {
                var fields = Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(1 + 1 + 10 + 3, fields.Length); // name, P@10, 10 days, recall, F1, announced per batch
                rows[name] = [.. fields.Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
                Assert.All(rows[name][..^1], v => Assert.InRange(v, 0, 1));
                Assert.Equal(rows[name][1..11].Average(), rows[name][0], 2);
            }

            // Six well-separated synthetic fields: learning from examples beats chance (1/6) by far.
            Assert.True(rows["b-like"][0] > 0.5, $"b-like P@10 {rows["b-like"][0]}");
            Assert.True(rows["c-like+votes"][0] >= rows["b-like"][0] - 0.05, "votes should not hurt much on clean data");
            Assert.Contains(lines, l => l.StartsWith("Channels: 6 ", StringComparison.Ordinal));
            // like: goes through the learner it was given: one fit per channel for (b), one plus one per vote for (c).
            Assert.Equal((6 * 2) + (6 * 10 * 5), learner.Fits);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_MissingFile_Exit2_TooSmall_Exit1()
    {
        var evaluation = NewEvaluation(new CountingCentroidLearner());
        var error = new StringWriter();

        Assert.Equal(2, await evaluation.RunAsync(new AlertEvalRequest("/nonexistent/corpus.jsonl"), TextWriter.Null, error, TestContext.Current.CancellationToken));
        Assert.Contains("No such file", error.ToString(), StringComparison.Ordinal);

        var file = SyntheticAlertCorpus.WriteJsonLines(SyntheticAlertCorpus.Create(categories: 2, perCategory: 20));
        try
        {
            error = new StringWriter();
            Assert.Equal(1, await evaluation.RunAsync(new AlertEvalRequest(file), TextWriter.Null, error, TestContext.Current.CancellationToken));
            Assert.Contains("needs at least", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Rocchio in a few lines (the product's learners live in ResearchBot.Alerts), counting its fits.</summary>
    private sealed class CountingCentroidLearner : IInterestLearner
    {
        private int _fits;

        public int Fits => _fits;

        public InterestModel Fit(string spaceId, IReadOnlyList<LabeledVector> evidence, IReadOnlyList<float[]> background, float threshold)
        {
            Interlocked.Increment(ref _fits);
            var w = new float[evidence[0].Vector.Length];
            foreach (var e in evidence)
            {
                TensorPrimitives.MultiplyAdd(e.Vector, e.Label == InterestLabel.Down ? -0.5f : 1f, w, w);
            }

            return new InterestModel(spaceId, w, 0, threshold);
        }

        public float Calibrate(IReadOnlyList<float> recentScores, TimeSpan window, double perWeek)
        {
            var sorted = recentScores.OrderDescending().ToList();
            var k = (int)Math.Round(perWeek * window.TotalDays / 7);
            return k <= 0 ? float.PositiveInfinity : k >= sorted.Count ? float.NegativeInfinity : sorted[k - 1];
        }
    }
}
