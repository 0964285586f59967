using System.Globalization;
using ResearchBot.Core.Cli;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Similarity.Evaluation;

/// <summary><c>researchbot eval FILE [--dims N]</c>: quality of /similar on a labelled JSON-lines corpus, next to baselines.</summary>
internal sealed class EvalVerb(IScratchIndexFactory scratchFactory) : ICliVerb
{
    public string Name => "eval";
    public string Summary => "Measure /similar quality (category P@10, title→abstract MRR@10) on a labelled JSON-lines corpus";
    public string Usage => "researchbot eval FILE [--dims N]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var dims = 128;
        var dimsAt = args.ToList().IndexOf("--dims");
        if (file is null || (dimsAt >= 0 && (dimsAt + 1 >= args.Count || !int.TryParse(args[dimsAt + 1], NumberStyles.None, CultureInfo.InvariantCulture, out dims) || dims is < 16 or > 512)))
        {
            await error.WriteLineAsync("Usage: " + Usage + " (FILE: one JSON object a line with id, title, abstract, categories; --dims 16–512)");
            return 2;
        }

        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"No such file: {file}");
            return 2;
        }

        var (docs, skipped) = EvalDocument.Load(file);
        if (docs.Count < 11)
        {
            await error.WriteLineAsync($"{file} has {docs.Count} usable papers ({skipped} skipped); the metrics need at least 11.");
            return 1;
        }

        var runner = await EvalRunner.CreateAsync(scratchFactory, docs, dims, cancellationToken);
        await using (runner.Scratch)
        {
            var rows = await runner.RunAsync(cancellationToken);
            await output.WriteLineAsync(Table(file, docs, skipped, rows));
        }

        return 0;
    }

    internal static string Table(string file, IReadOnlyList<EvalDocument> docs, int skipped, IEnumerable<QualityRow> rows)
    {
        var categories = docs.SelectMany(d => d.Categories).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var lines = new List<string>
        {
            $"Corpus: {Path.GetFileName(file)} — {docs.Count} papers, {categories} categories{(skipped > 0 ? $", {skipped} lines skipped" : "")}",
            "",
            $"{"engine",-40} {"category-P@10",14} {"title→abstract MRR@10",22} {"ms/query",9}",
        };
        foreach (var r in rows)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{r.Engine,-40} {r.CategoryP10,14:0.000} {r.TitleMrr10,22:0.000} {r.MillisecondsPerQuery,9:0.00}"));
        }

        lines.Add("");
        lines.Add("category-P@10: share of each paper's 10 nearest neighbours with its primary category. MRR@10: the title as query, its own abstract as target.");
        return string.Join(Environment.NewLine, lines);
    }
}
