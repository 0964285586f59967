using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Similarity;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Onnx;
using ResearchBot.Similarity.Search;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Tuning aid for rank fusion: <c>fusion-dump</c> writes every query's candidate lists (neural, LSA, FTS5; papers and
/// titles) with their scores once; <c>fusion</c> then scores fusion functions on the dump in seconds, without any engine.
/// </summary>
internal static class FusionBench
{
    /// <summary>The lists of one query, in this order.</summary>
    internal static readonly string[] ListNames = ["neural", "neural+fb", "lsa+fb", "fts-mlt", "t:neural", "t:lsa", "t:fts-words", "t:fts-terms", "neural+fb1", "neural+fb2", "neural+fb5", "neural+fb10", "neural+fb3w0.5"];

    private const int Depth = 100;

    public static async Task<int> DumpAsync(string file, string[] args, CancellationToken ct)
    {
        var options = new OnnxEmbedderOptions { MaxTokens = 128 };
        var limit = int.MaxValue;
        var cache = Path.Combine(Path.GetTempPath(), "researchbot-embeddings");
        var output = "fusion.dump";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--model": options.Model = Enum.Parse<SentenceModelKind>(v, ignoreCase: true); break;
                case "--tokens": options.MaxTokens = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--cache": cache = v; break;
                case "--out": output = v; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var (all, _) = EvalDocument.Load(file);
        var docs = all.Take(limit).ToList();
        using var onnx = new OnnxTextEmbedder(options);
        var embedder = new CachingTextEmbedder(onnx, cache);
        var runner = await EvalRunner.CreateAsync(new SqliteScratchIndexFactory(NullLoggerFactory.Instance, TimeProvider.System), docs, EvalRequest.DefaultDimensions, embedder, ct);
        await using (runner.Scratch)
        {
            var neural = await NeuralEval.CreateAsync(embedder, docs, ct);
            var engine = runner.Engine;
            var abstracts = new VectorMatrix(engine.Model.Dimensions, engine.Model.Mean, docs.Count);
            var docOf = new Dictionary<long, int>();
            for (var i = 0; i < docs.Count; i++)
            {
                if (runner.Seqs[i] > 0)
                {
                    docOf[runner.Seqs[i]] = i;
                    abstracts.Append(runner.Seqs[i], 0, "", engine.Encode(docs[i].Abstract) ?? VectorCodec.Encode(new float[engine.Model.Dimensions]));
                }
            }

            await using var stream = File.Create(output);
            await using var writer = new BinaryWriter(stream);
            writer.Write(docs.Count);
            var done = 0;
            for (var i = 0; i < docs.Count; i++)
            {
                var seq = runner.Seqs[i];
                if (seq <= 0)
                {
                    continue;
                }

                var doc = docs[i];
                var text = LsaEngine.TextOf(doc.Title, doc.Abstract);
                var weights = engine.Model.Weights(text);
                var lsa = engine.Search(text, new RowFilter(0, null, seq), Depth, 0, feedback: runner.Options.Feedback);
                var mlt = await runner.Scratch.Keywords.SearchAnyAsync(engine.TopTerms(weights, 25), Depth + 1, false, ct);
                var titleVector = new float[engine.Model.Dimensions];
                var lsaTitle = engine.Model.Project(doc.Title, titleVector) ? VectorSearcher.Search(abstracts, titleVector, RowFilter.None, Depth, 0) : [];
                var words = await runner.Scratch.Keywords.SearchAnyAsync(EvalRunner.TitleWords(doc.Title), Depth, true, ct);
                var terms = await runner.Scratch.Keywords.SearchAnyAsync(engine.TopTerms(engine.Model.Weights(doc.Title), 25), Depth, true, ct);

                writer.Write(i);
                Write(neural.Scored(i, Depth), j => neural.Cosine(i, j));
                Write(neural.ScoredWithFeedback(i, Depth, runner.Options.Feedback.Neighbours, runner.Options.Feedback.Weight), j => neural.Cosine(i, j));
                Write(Docs(lsa.Select(r => (r.Seq, (double)r.Score))), j => neural.Cosine(i, j));
                Write(Docs(mlt.Where(r => r.Seq != seq).Take(Depth)), j => neural.Cosine(i, j));
                Write(neural.TitleToAbstractsScored(i, Depth), j => neural.TitleCosine(i, j));
                Write(Docs(lsaTitle.Select(r => (r.Seq, (double)r.Score))), j => neural.TitleCosine(i, j));
                Write(Docs(words), j => neural.TitleCosine(i, j));
                Write(Docs(terms), j => neural.TitleCosine(i, j));
                foreach (var (n, w) in new[] { (1, 1f), (2, 1f), (5, 1f), (10, 1f), (3, 0.5f) })
                {
                    Write(neural.ScoredWithFeedback(i, Depth, n, w), j => neural.Cosine(i, j));
                }
                if (++done % 1000 == 0)
                {
                    Console.Error.WriteLine($"dumped {done} queries");
                }
            }

            void Write(IEnumerable<(int Doc, float Score)> list, Func<int, float> dense)
            {
                var items = list.ToList();
                writer.Write(items.Count);
                foreach (var (d, s) in items)
                {
                    writer.Write(d);
                    writer.Write(s);
                    writer.Write(dense(d));
                }
            }

            IEnumerable<(int Doc, float Score)> Docs(IEnumerable<(long Seq, double Score)> ranked) =>
                ranked.Where(r => docOf.ContainsKey(r.Seq)).Select(r => (docOf[r.Seq], (float)r.Score));

            Console.WriteLine($"wrote {done} queries × {ListNames.Length} lists (top {Depth}) to {output}");
        }

        return 0;
    }

    /// <summary>One query's lists: (doc, the engine's score, the exact neural cosine to the query).</summary>
    internal sealed record Query(int Doc, (int Doc, float Score, float Dense)[][] Lists);

    internal static List<Query> Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        reader.ReadInt32();
        var queries = new List<Query>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var doc = reader.ReadInt32();
            var lists = new (int, float, float)[ListNames.Length][];
            for (var l = 0; l < lists.Length; l++)
            {
                var items = new (int, float, float)[reader.ReadInt32()];
                for (var j = 0; j < items.Length; j++)
                {
                    items[j] = (reader.ReadInt32(), reader.ReadSingle(), reader.ReadSingle());
                }

                lists[l] = items;
            }

            queries.Add(new Query(doc, lists));
        }

        return queries;
    }

    /// <summary>Scores fusion functions on a dump: category-P@10 for papers, title→abstract MRR@10 for titles.</summary>
    public static int Evaluate(string dump, string file)
    {
        var (docs, _) = EvalDocument.Load(file);
        var queries = Load(dump);
        Console.WriteLine($"# {queries.Count} queries from {dump}; corpus {file}");
        Console.WriteLine("# all = every query; even / odd = the two halves by position (pick on one, check on the other)");
        Console.WriteLine($"{"fusion",-60} {"all",7} {"even",7} {"odd",7}");

        // Papers: category-P@10.
        Console.WriteLine("## papers: category-P@10");
        foreach (var (name, list) in new[] { ("neural", 0), ("neural+fb", 1), ("lsa+fb", 2), ("fts-mlt", 3), ("neural+fb1", 8), ("neural+fb2", 9), ("neural+fb5", 10), ("neural+fb10", 11), ("neural+fb3w0.5", 12) })
        {
            Paper(name, q => Ids(q.Lists[list]));
        }

        foreach (var k in new[] { 10, 30, 60, 100 })
        {
            foreach (var w in new[] { 0.25, 0.5, 0.75, 1.0 })
            {
                Paper($"rrf k={k} neural+fb, lsa+fb × {w}", q => RankFusion.Rrf([Ids(q.Lists[1]), Ids(q.Lists[2])], k, [1, w]));
            }

            Paper($"rrf k={k} neural+fb, fts-mlt", q => RankFusion.Rrf([Ids(q.Lists[1]), Ids(q.Lists[3])], k));
            Paper($"rrf k={k} neural, lsa+fb", q => RankFusion.Rrf([Ids(q.Lists[0]), Ids(q.Lists[2])], k));
        }

        foreach (var norm in Enum.GetValues<ScoreNormalisation>())
        {
            foreach (var a in Alphas(0.5, 1.0))
            {
                Paper($"convex {norm} α={a:0.00} neural+fb, lsa+fb", q => Seqs(RankFusion.Convex(Scored(q.Lists[1]), Scored(q.Lists[2]), a, norm)));
                Paper($"convex {norm} α={a:0.00} neural, fts-mlt", q => Seqs(RankFusion.Convex(Dense(q.Lists[0]), Scored(q.Lists[3]), a, norm, Exact(q.Lists[3]))));
            }
        }

        // Titles: MRR@10 of the own abstract.
        Console.WriteLine("## titles: title→abstract MRR@10");
        foreach (var (name, list) in new[] { ("t:neural", 4), ("t:lsa", 5), ("t:fts-words", 6), ("t:fts-terms", 7) })
        {
            Title(name, q => Ids(q.Lists[list]));
        }

        Title("rrf k=60 t:neural, t:lsa, t:fts-words (the old hybrid)", q => RankFusion.Rrf([Ids(q.Lists[4]), Ids(q.Lists[5]), Ids(q.Lists[6])]));
        foreach (var k in new[] { 1, 5, 10, 20, 30, 60, 100 })
        {
            foreach (var w in new[] { 0.5, 1.0, 1.5, 2.0 })
            {
                Title($"rrf k={k} t:neural, t:fts-words × {w}", q => RankFusion.Rrf([Ids(q.Lists[4]), Ids(q.Lists[6])], k, [1, w]));
                Title($"rrf k={k} t:neural, t:fts-terms × {w}", q => RankFusion.Rrf([Ids(q.Lists[4]), Ids(q.Lists[7])], k, [1, w]));
            }
        }

        foreach (var depth in new[] { 30, 50, 100 })
        {
            foreach (var norm in Enum.GetValues<ScoreNormalisation>())
            {
                foreach (var a in Alphas(0.0, 1.0))
                {
                    Title($"convex {norm} top{depth} α={a:0.00} t:neural, t:fts-words", q => Seqs(RankFusion.Convex(Dense(q.Lists[4], depth), Scored(q.Lists[6], depth), a, norm, Exact(q.Lists[6]))));
                    Title($"convex {norm} top{depth} α={a:0.00} t:neural, t:fts-terms", q => Seqs(RankFusion.Convex(Dense(q.Lists[4], depth), Scored(q.Lists[7], depth), a, norm, Exact(q.Lists[7]))));
                }
            }
        }

        return 0;

        void Paper(string name, Func<Query, IEnumerable<long>> rank) =>
            Row(name, q => QualityMetrics.CategoryPrecision(docs[q.Doc], rank(q).Where(d => d != q.Doc).Select(d => docs[(int)d])));

        void Title(string name, Func<Query, IEnumerable<long>> rank) =>
            Row(name, q => QualityMetrics.ReciprocalRank(q.Doc, rank(q).Select(d => (int)d)));

        void Row(string name, Func<Query, double> metric)
        {
            double sum = 0, even = 0, odd = 0;
            for (var i = 0; i < queries.Count; i++)
            {
                var m = metric(queries[i]);
                sum += m;
                if (i % 2 == 0)
                {
                    even += m;
                }
                else
                {
                    odd += m;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-60} {sum / queries.Count,7:0.0000} {even / ((queries.Count + 1) / 2),7:0.0000} {odd / Math.Max(1, queries.Count / 2),7:0.0000}"));
        }
    }

    private static IEnumerable<double> Alphas(double from, double to)
    {
        for (var i = (int)Math.Round(from * 20); i <= (int)Math.Round(to * 20); i++)
        {
            yield return i / 20.0;
        }
    }

    private static IEnumerable<long> Ids((int Doc, float Score, float Dense)[] list) => list.Select(x => (long)x.Doc);

    private static IEnumerable<long> Seqs(List<(long Seq, double Score)> fused) => fused.Select(f => f.Seq);

    private static List<(long Seq, double Score)> Scored((int Doc, float Score, float Dense)[] list, int depth = int.MaxValue) =>
        [.. list.Take(depth).Select(x => ((long)x.Doc, (double)x.Score))];

    private static List<(long Seq, double Score)> Dense((int Doc, float Score, float Dense)[] list, int depth = int.MaxValue) =>
        [.. list.Take(depth).Select(x => ((long)x.Doc, (double)x.Dense))];

    /// <summary>The exact cosine of a keyword candidate (what production computes from the stored vector).</summary>
    private static Func<long, double?> Exact((int Doc, float Score, float Dense)[] keyword)
    {
        var dense = keyword.ToDictionary(x => (long)x.Doc, x => (double?)x.Dense);
        return d => dense.GetValueOrDefault(d);
    }
}
