using System.Globalization;
using System.Text.Json;

namespace ResearchBot.Tests.Cli;

/// <summary><c>researchbot eval alerts FILE</c> through the real executable: the table's shape on a small synthetic corpus.</summary>
public sealed class EvalAlertsVerbTests
{
    [Fact]
    public async Task EvalAlerts_SyntheticCorpus_PrintsOneLinePerMethod_NameFirstThenPrecisionAt10()
    {
        using var bot = new BotProcess();
        Directory.CreateDirectory(bot.WorkingDirectory);
        var corpus = Path.Combine(bot.WorkingDirectory, "corpus.jsonl");
        await File.WriteAllLinesAsync(corpus, SyntheticLines(), TestContext.Current.CancellationToken);

        var (exit, stdout, stderr) = await bot.RunAsync(null, "eval", "alerts", corpus, "--dims", "16");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.StartsWith("Corpus: corpus.jsonl — 600 papers; history 180, stream 420 in 10 batches of ~42", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("method ", StringComparison.Ordinal) && l.Contains("P@10", StringComparison.Ordinal));
        foreach (var method in new[] { "a-keywords", "b-like", "c-like+votes", "d-svm-tfidf" })
        {
            var fields = Assert.Single(lines, l => l.StartsWith(method + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var numbers = fields.Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(14, numbers.Count); // P@10, 10 days, recall, F1, announced per batch
            Assert.InRange(numbers[0], 0, 1);
        }

        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>600 papers in 5 fields, each with its own words on top of a shared vocabulary, in a shuffled (time) order.</summary>
    private static IEnumerable<string> SyntheticLines()
    {
        var random = new Random(11);
        string Word(int field, int i) => field < 0 ? $"common{(char)('a' + (i % 26))}{(char)('a' + (i / 26))}" : $"field{(char)('a' + field)}word{(char)('a' + i)}";
        var docs = Enumerable.Range(0, 600).Select(n =>
        {
            var field = n % 5;
            var words = Enumerable.Range(0, 30).Select(_ => random.NextDouble() < 0.5 ? Word(field, random.Next(20)) : Word(-1, random.Next(200))).ToList();
            return new { id = $"syn:{n}", title = string.Join(' ', words.Take(6)), @abstract = string.Join(' ', words.Skip(6)), categories = new[] { $"syn.f{field}" } };
        }).ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(docs));
        return docs.Select(d => JsonSerializer.Serialize(d));
    }
}
