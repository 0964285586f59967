using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging.Abstractions;
using System.Globalization;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Onnx;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Benchmarks;

/// <summary>The eval table plus Lucene.Net's MoreLikeThis (benchmark-only baseline) on the same corpus.</summary>
internal static class QualityBench
{
    public static async Task<int> RunAsync(string file, string[] args, CancellationToken ct)
    {
        var dims = EvalRequest.DefaultDimensions;
        var options = new OnnxEmbedderOptions();
        var neural = true;
        var limit = int.MaxValue;
        int? augment = null; // the bot's default (Similarity:NeuralAugmentNeighbours) unless given
        string? cache = Path.Combine(Path.GetTempPath(), "researchbot-embeddings");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--dims": dims = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--model" when v == "none": neural = false; break;
                case "--model": options.Model = Enum.Parse<SentenceModelKind>(v, ignoreCase: true); break;
                case "--tokens": options.MaxTokens = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--text": options.Text = v switch { "t" => PaperText.Title, "a" => PaperText.Abstract, _ => PaperText.TitleAbstract }; break;
                case "--limit": limit = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--augment": augment = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--int8": options.Int8 = bool.Parse(v); break;
                case "--batch": options.BatchSize = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--cache": cache = v == "none" ? null : v; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var (all, skipped) = EvalDocument.Load(file);
        var docs = all.Take(limit).ToList();
        using var onnx = neural ? new OnnxTextEmbedder(options) : null;
        ITextEmbedder? embedder = onnx is null ? null : cache is null ? onnx : new CachingTextEmbedder(onnx, cache);
        var load = EmbedBench.Uptime();
        var runner = await EvalRunner.CreateAsync(new SqliteScratchIndexFactory(NullLoggerFactory.Instance, TimeProvider.System), docs, dims, embedder, ct);
        await using (runner.Scratch)
        {
            if (augment is { } k)
            {
                runner.Options.NeuralAugmentNeighbours = k;
            }

            // The bot row is the bot as shipped: its job embeds every paper, then runs the augmentation pass to completion.
            var rows = await runner.RunAsync(ct);
            rows.Insert(rows.Count - 1, Lucene(docs));
            Console.WriteLine(QualityEvaluation.Table(file, docs, skipped, rows));
            if (embedder is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"neural: {embedder.ModelId}, embedding took {runner.NeuralEmbedSeconds:0} s{(cache is null ? "" : " (vectors cached under " + cache + ")")}; {load} before, {EmbedBench.Uptime()} after"));
            }
        }

        return 0;
    }

    private static QualityRow Lucene(List<EvalDocument> docs)
    {
        const LuceneVersion V = LuceneVersion.LUCENE_48;
        using var dir = new RAMDirectory();
        using var analyzer = new StandardAnalyzer(V);
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(V, analyzer)))
        {
            for (var i = 0; i < docs.Count; i++)
            {
                writer.AddDocument(new Document
                {
                    new StringField("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES),
                    new TextField("text", docs[i].Title + ". " + docs[i].Abstract, Field.Store.YES),
                    new TextField("abs", docs[i].Abstract, Field.Store.NO),
                });
            }

            writer.Commit();
        }

        using var reader = DirectoryReader.Open(dir);
        var searcher = new IndexSearcher(reader);
        var ours = new int[reader.MaxDoc];
        var luceneId = new int[docs.Count];
        for (var d = 0; d < reader.MaxDoc; d++)
        {
            var i = int.Parse(searcher.Doc(d).Get("i"), System.Globalization.CultureInfo.InvariantCulture);
            ours[d] = i;
            luceneId[i] = d;
        }

        var mlt = LuceneBaseline.NewMoreLikeThis(reader, analyzer);
        double precision = 0, mrr = 0;
        long ticks = 0;
        for (var i = 0; i < docs.Count; i++)
        {
            var t = Stopwatch.GetTimestamp();
            var hits = searcher.Search(mlt.Like(luceneId[i]), 11).ScoreDocs.Select(h => ours[h.Doc]).Where(x => x != i).ToList();
            ticks += Stopwatch.GetTimestamp() - t;
            precision += QualityMetrics.CategoryPrecision(docs[i], hits.Select(h => docs[h]));
            var byTitle = searcher.Search(TitleQuery(analyzer, docs[i].Title), 10).ScoreDocs.Select(h => ours[h.Doc]);
            mrr += QualityMetrics.ReciprocalRank(i, byTitle);
        }

        return new QualityRow("Lucene.Net MoreLikeThis (25 terms)", precision / docs.Count, mrr / docs.Count, ticks * 1000.0 / Stopwatch.Frequency / docs.Count);
    }

    private static BooleanQuery TitleQuery(Analyzer analyzer, string title)
    {
        var query = new BooleanQuery();
        using var stream = analyzer.GetTokenStream("abs", title);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            query.Add(new TermQuery(new Term("abs", term.ToString())), Occur.SHOULD);
        }

        stream.End();
        return query;
    }
}
