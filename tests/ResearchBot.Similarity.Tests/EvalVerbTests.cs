using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Similarity.Tests;

public sealed class EvalVerbTests
{
    private static EvalVerb NewVerb() => new(new SqliteScratchIndexFactory(NullLoggerFactory.Instance, TimeProvider.System));

    [Fact]
    public async Task Run_S2orcSample_PrintsOursAndBaselinesAboveChance()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await NewVerb().RunAsync([Path.Combine(AppContext.BaseDirectory, "Fixtures", "s2orc-sample.jsonl")], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("LSA-", StringComparison.Ordinal) && l.Contains("(ours)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FTS5 BM25", StringComparison.Ordinal));
        var ours = lines.First(l => l.Contains("(ours)", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var precision = double.Parse(ours[^3], System.Globalization.CultureInfo.InvariantCulture);
        var mrr = double.Parse(ours[^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(precision > 0.3, $"category-P@10 {precision}");
        Assert.True(mrr > 0.9, $"MRR@10 {mrr}");
    }

    [Fact]
    public async Task Run_MissingFile_IsUsageError()
    {
        var error = new StringWriter();

        var code = await NewVerb().RunAsync(["/nonexistent/corpus.jsonl"], new StringWriter(), error, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains("No such file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoArguments_PrintsUsage()
    {
        var error = new StringWriter();

        var code = await NewVerb().RunAsync([], new StringWriter(), error, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains("researchbot eval FILE", error.ToString(), StringComparison.Ordinal);
    }
}
