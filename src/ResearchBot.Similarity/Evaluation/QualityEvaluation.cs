using System.Globalization;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.Similarity.Evaluation;

/// <summary>
/// Quality of /similar on a labelled JSON-lines corpus, next to baselines: the executable's <c>eval FILE [--dims N]</c>.
/// With a sentence embedder, the neural engine and its fusion with FTS5 are measured in the same run.
/// </summary>
public sealed class QualityEvaluation(IScratchIndexFactory scratchFactory, IProgressReporter progress, ITextEmbedder? embedder = null)
{
    /// <summary>
    /// Indexes the corpus into a scratch database and prints the quality table to <paramref name="output"/>; returns the
    /// exit status (0 done, 1 too few usable papers, 2 no such file).
    /// </summary>
    public async Task<int> RunAsync(EvalRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Dimensions, EvalRequest.MinDimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Dimensions, EvalRequest.MaxDimensions);
        var file = request.File;
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

        EvalRunner runner;
        using (var indexing = progress.Start("eval: indexing and fitting", unit: null))
        {
            runner = await EvalRunner.CreateAsync(scratchFactory, docs, request.Dimensions, request.Neural ? embedder : null, cancellationToken);
        }

        await using (runner.Scratch)
        {
            List<QualityRow> rows;
            using (var queries = progress.Start(embedder is null || !request.Neural ? "eval: queries" : "eval: embedding, then queries", "queries"))
            {
                rows = await runner.RunAsync(queries, cancellationToken);
            }

            await output.WriteLineAsync(Table(file, docs, skipped, rows));
        }

        return 0;
    }

    /// <summary>The quality table as printed (the benchmarks add a row and print it the same way).</summary>
    public static string Table(string file, IReadOnlyList<EvalDocument> docs, int skipped, IEnumerable<QualityRow> rows)
    {
        var categories = docs.SelectMany(d => d.Categories).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var lines = new List<string>
        {
            $"Corpus: {Path.GetFileName(file)} — {docs.Count} papers, {categories} categories{(skipped > 0 ? $", {skipped} lines skipped" : "")}",
            "",
            $"{"engine",-48} {"category-P@10",14} {"title→abstract MRR@10",22} {"ms/query",9}",
        };
        foreach (var r in rows)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{r.Engine,-48} {r.CategoryP10,14:0.000} {r.TitleMrr10,22:0.000} {r.MillisecondsPerQuery,9:0.00}"));
        }

        lines.Add("");
        lines.Add("category-P@10: share of each paper's 10 nearest neighbours with its primary category. MRR@10: the title as query, its own abstract as target.");
        if (rows.Any(r => r.Engine.StartsWith("neural", StringComparison.Ordinal)))
        {
            lines.Add("neural (model alone): exact cosine over the model's float vectors, untuned. bot: the bot's own neural index built over the corpus by its job (PCA, int8,");
            lines.Add("the augmentation pass run to completion when the row says '+ DBA'; without it, feedback re-ranking of the first 100),");
            lines.Add("queried as /similar ID; its titles go through FindByDescription's fusion with FTS5. Neural MRR targets are each abstract embedded alone.");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
