using System.Globalization;
using System.Numerics.Tensors;
using ResearchBot.Similarity;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Model;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Diagnosis of LSA title→abstract MRR@10 against corpus size: fits the model on the first N papers with the given
/// dimensions and vocabulary cap, then ranks every abstract (float, exact cosine) for every title.
/// </summary>
internal static class LsaTitleBench
{
    public static int Run(string file, string[] args)
    {
        int limit = int.MaxValue, dims = 128, features = 60_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--limit": limit = v; break;
                case "--dims": dims = v; break;
                case "--features": features = v; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var docs = EvalDocument.Load(file).Documents.Take(limit).ToList();
        var started = DateTime.UtcNow;
        var model = LsaFitter.Fit([.. docs.Select(d => LsaEngine.TextOf(d.Title, d.Abstract))], new LsaFitOptions(dims, features));
        var d = model.Dimensions;
        var abstracts = new float[docs.Count * d];
        for (var i = 0; i < docs.Count; i++)
        {
            model.Project(docs[i].Abstract, abstracts.AsSpan(i * d, d));
        }

        var title = new float[d];
        var scores = new float[docs.Count];
        double mrr = 0;
        var known = 0;
        for (var i = 0; i < docs.Count; i++)
        {
            if (!model.Project(docs[i].Title, title))
            {
                continue;
            }

            known++;
            for (var j = 0; j < docs.Count; j++)
            {
                scores[j] = TensorPrimitives.Dot(abstracts.AsSpan(j * d, d), title);
            }

            var better = scores.Count(s => s > scores[i]);
            mrr += better < QualityMetrics.K ? 1.0 / (better + 1) : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"papers {docs.Count,6}  dims {d,4}  vocabulary {model.Vocabulary.Length,7} (cap {features,7})  titles with a known term {known,6}  title→abstract MRR@10 {mrr / docs.Count:0.000}  ({(DateTime.UtcNow - started).TotalSeconds:0} s)"));
        return 0;
    }
}
