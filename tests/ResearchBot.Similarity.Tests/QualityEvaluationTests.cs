using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Progress;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Similarity.Tests;

public sealed class QualityEvaluationTests
{
    private static QualityEvaluation NewEvaluation(IProgressReporter? progress = null) =>
        new(new SqliteScratchIndexFactory(NullLoggerFactory.Instance, TimeProvider.System), progress ?? ProgressReporter.None);

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "Fixtures", "s2orc-sample.jsonl");

    [Fact]
    public async Task Run_S2orcSample_PrintsOursAndBaselinesAboveChanceAndReportsEachQuery()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var progress = new Recorder();

        var code = await NewEvaluation(progress).RunAsync(new EvalRequest(Sample), output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("LSA-", StringComparison.Ordinal) && l.Contains("(LSA engine)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FTS5 BM25", StringComparison.Ordinal));
        var ours = lines.First(l => l.Contains("(LSA engine)", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var precision = double.Parse(ours[^3], System.Globalization.CultureInfo.InvariantCulture);
        var mrr = double.Parse(ours[^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(precision > 0.3, $"category-P@10 {precision}");
        Assert.True(mrr > 0.9, $"MRR@10 {mrr}");
        Assert.Equal(["eval: indexing and fitting", "eval: queries"], progress.Titles);
        Assert.Equal(progress.Counts.Count, progress.Counts[^1]); // one report per query, counting up
        Assert.Equal(1.0, progress.LastFraction);
        Assert.Equal(2, progress.Ended);
    }

    [Fact]
    public async Task Run_WithAnEmbedder_PrintsTheNeuralRowsNextToLsaUnlessAskedNotTo()
    {
        var scratch = new SqliteScratchIndexFactory(NullLoggerFactory.Instance, TimeProvider.System);
        var embedder = new WordHashEmbedder();
        var output = new StringWriter();

        var code = await new QualityEvaluation(scratch, ProgressReporter.None, embedder).RunAsync(new EvalRequest(Sample), output, new StringWriter(), TestContext.Current.CancellationToken);
        var without = new StringWriter();
        await new QualityEvaluation(scratch, ProgressReporter.None, embedder).RunAsync(new EvalRequest(Sample, Neural: false), without, new StringWriter(), TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n');
        // Only engines the bot has: LSA (alone or with FTS5), FTS5, the model alone, and the bot's own neural index.
        Assert.DoesNotContain(lines, l => l.StartsWith("hybrid", StringComparison.Ordinal) || l.Contains("+ LSA (RRF)", StringComparison.Ordinal));
        foreach (var row in new[] { "neural words/1 (model alone)", "bot: neural words/1 → 64 dims v" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(row, StringComparison.Ordinal));
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var precision = double.Parse(cells[^3], System.Globalization.CultureInfo.InvariantCulture);
            // The hashed-words stand-in is barely above chance (0.136).
            Assert.True(precision > 0.0 && precision <= 1.0, $"{row}: category-P@10 {precision} (chance is 0.136)\n{output}");
        }

        // The bot's own ranking (NeuralFusion for titles): BM25 in the fusion finds the own abstract at least as well as the dense side alone.
        double Mrr(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2], System.Globalization.CultureInfo.InvariantCulture);
        var bot = Mrr(Assert.Single(lines, l => l.StartsWith("bot: ", StringComparison.Ordinal)));
        var dense = Mrr(Assert.Single(lines, l => l.Length > 48 && l[..48].TrimEnd() == "neural words/1 (model alone)"));
        Assert.True(bot >= dense && bot <= 1.0, $"bot MRR@10 {bot}, neural alone {dense}\n{output}");

        // The bot as shipped: the augmentation pass ran to completion before the queries.
        Assert.Contains("+ DBA k=20 α=3", Assert.Single(lines, l => l.StartsWith("bot: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("neural", without.ToString(), StringComparison.Ordinal);
        // Papers and abstracts as documents, titles as queries: the bot's index reuses the eval's vectors, embeds nothing again.
        Assert.Equal(embedder.Embedded, embedder.Queries * 2);
    }

    /// <summary>A deterministic stand-in for a sentence model: hashed words into 64 dimensions, normalised.</summary>
    private sealed class WordHashEmbedder : ResearchBot.Similarity.Embedding.ITextEmbedder
    {
        public int Embedded { get; private set; }

        public int Queries { get; private set; }

        public string ModelId => "words/1";

        public int Dimensions => 64;

        public string TextOf(ResearchBot.Core.Papers.Paper paper) => paper.Title + ". " + paper.Abstract;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            Embedded += texts.Count;
            return Task.FromResult(texts.Select(Vector).ToArray());
        }

        public Task<float[][]> EmbedQueriesAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken)
        {
            Queries += queries.Count;
            return Task.FromResult(queries.Select(Vector).ToArray());
        }

        private static float[] Vector(string text)
        {
            var v = new float[64];
            foreach (var w in text.ToUpperInvariant().Split([' ', '.', ',', ';', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3))
            {
                v[(int)((uint)string.GetHashCode(w, StringComparison.Ordinal) % 64)] += 1;
            }

            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return norm > 0 ? [.. v.Select(x => x / norm)] : v;
        }
    }

    [Fact]
    public async Task Run_MissingFile_IsUsageError()
    {
        var error = new StringWriter();

        var code = await NewEvaluation().RunAsync(new EvalRequest("/nonexistent/corpus.jsonl"), new StringWriter(), error, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains("No such file", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(513)]
    public async Task Run_DimensionsOutOfRange_AreRefused(int dims)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            NewEvaluation().RunAsync(new EvalRequest(Sample, dims), new StringWriter(), new StringWriter(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IndexBuild_ReportsTheFitAndEveryPaperProjected()
    {
        using var fixture = await new SimilarityFixture().WithDemoDataAsync();
        var progress = new Recorder();
        using var index = fixture.NewIndex(progress);

        Assert.True(await index.EnsureReadyAsync(TestContext.Current.CancellationToken));

        var papers = await fixture.Papers.CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["similarity index: fitting", "similarity index: projecting"], progress.Titles);
        Assert.Equal(papers, progress.Counts[^1]);
        Assert.Equal(1.0, progress.LastFraction);
        Assert.Equal(2, progress.Ended);
    }

    private sealed class Recorder : IProgressReporter, IProgressTracker
    {
        public List<string> Titles { get; } = [];

        public List<long> Counts { get; } = [];

        public double? LastFraction { get; private set; }

        public int Ended { get; private set; }

        public IProgressTracker Start(string title, string? unit)
        {
            Titles.Add(title);
            return this;
        }

        public void Report(long count, double? fraction = null, string? note = null)
        {
            Counts.Add(count);
            LastFraction = fraction;
        }

        public void Dispose() => Ended++;
    }
}
