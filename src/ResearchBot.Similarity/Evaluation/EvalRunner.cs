using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Neural;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Evaluation;

/// <summary>Indexes a labelled corpus into a scratch database and measures our engine and the FTS5 baseline on it.</summary>
public sealed class EvalRunner
{
    private EvalRunner(IScratchIndex scratch, List<EvalDocument> docs, long[] seqs, LsaSimilarityIndex index, LsaEngine engine, SimilarityOptions options, ITextEmbedder? embedder)
    {
        Embedder = embedder;
        Options = options;
        Scratch = scratch;
        Documents = docs;
        Seqs = seqs;
        Index = index;
        Engine = engine;
        DocBySeq = seqs.Select((s, i) => (s, i)).Where(x => x.s > 0).ToDictionary(x => x.s, x => x.i);
    }

    public IScratchIndex Scratch { get; }
    public IReadOnlyList<EvalDocument> Documents { get; }
    /// <summary>The index's seq for each document (0 when it was merged into another record).</summary>
    public IReadOnlyList<long> Seqs { get; }
    internal LsaSimilarityIndex Index { get; }
    internal LsaEngine Engine { get; }
    /// <summary>The settings the scratch index was built with (its feedback is the one measured).</summary>
    internal SimilarityOptions Options { get; }
    private Dictionary<long, int> DocBySeq { get; }

    /// <summary>The sentence embedder measured next to LSA (no neural rows when null).</summary>
    internal ITextEmbedder? Embedder { get; }

    public string EngineName => Engine.Description;

    public static Task<EvalRunner> CreateAsync(IScratchIndexFactory factory, List<EvalDocument> docs, int dimensions, CancellationToken cancellationToken) =>
        CreateAsync(factory, docs, dimensions, null, cancellationToken);

    /// <summary>As <see cref="CreateAsync(IScratchIndexFactory, List{EvalDocument}, int, CancellationToken)"/>, with the neural rows when <paramref name="embedder"/> is given.</summary>
    public static async Task<EvalRunner> CreateAsync(IScratchIndexFactory factory, List<EvalDocument> docs, int dimensions, ITextEmbedder? embedder, CancellationToken cancellationToken)
    {
        var scratch = await factory.CreateAsync(cancellationToken);
        var records = docs.Select((d, i) => new PaperRecord
        {
            Title = d.Title,
            Abstract = d.Abstract,
            Categories = [.. d.Categories],
            Url = "eval:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Source = "eval",
        }).ToList();
        var seqs = new long[docs.Count];
        foreach (var chunk in records.Chunk(2000))
        {
            var result = await scratch.Papers.UpsertAsync(chunk, cancellationToken);
            foreach (var p in result.Added)
            {
                if (p.Url is { } url && url.StartsWith("eval:", StringComparison.Ordinal))
                {
                    seqs[int.Parse(url.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture)] = p.Seq;
                }
            }
        }

        var options = new SimilarityOptions { Dimensions = dimensions, SampleSize = 2_000_000, PrefilterFromPapers = 0 };
        var index = new LsaSimilarityIndex(scratch.Papers, scratch.Vectors, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance, scratch.Keywords);
        var engine = await index.EnsureEngineAsync(cancellationToken) ?? throw new InvalidOperationException("The corpus produced no papers.");
        return new EvalRunner(scratch, docs, seqs, index, engine, options, embedder);
    }

    /// <summary>The rows of the quality table for our engine (with and without feedback), FTS5 and their fusion, plus the random level.</summary>
    public Task<List<QualityRow>> RunAsync(CancellationToken cancellationToken) => RunAsync(ProgressReporter.None, cancellationToken);

    /// <summary>As <see cref="RunAsync(CancellationToken)"/>, reporting the queries done.</summary>
    public async Task<List<QualityRow>> RunAsync(IProgressTracker progress, CancellationToken cancellationToken)
    {
        var queries = Enumerable.Range(0, Documents.Count).Where(i => Seqs[i] > 0).ToList();
        var abstracts = new VectorMatrix(Engine.Model.Dimensions, Engine.Model.Mean, Documents.Count);
        foreach (var i in queries)
        {
            abstracts.Append(Seqs[i], 0, "", Engine.Encode(Documents[i].Abstract) ?? VectorCodec.Encode(new float[Engine.Model.Dimensions]));
        }

        var feedback = Options.Feedback;
        var lsa = new Measure(Engine.Description + " + feedback (ours)");
        var plain = new Measure(Engine.Description + " without feedback");
        var fts = new Measure("FTS5 BM25 more-like-this (25 terms)");
        var rrf = new Measure(Engine.Description + " + FTS5 (RRF)");
        var neural = Embedder is null ? null : await NeuralEval.CreateAsync(Embedder, Documents, cancellationToken);
        var dense = new Measure($"neural {Embedder?.ModelId}");
        var denseFeedback = new Measure($"neural {Embedder?.ModelId} + feedback");
        var hybrid = new Measure($"neural {Embedder?.ModelId} + FTS5 (RRF)");
        var withLsa = new Measure($"neural {Embedder?.ModelId} + LSA (RRF)");
        var all = new Measure("hybrid: neural+fb, LSA+fb (+FTS5 for titles)");
        var production = new Measure($"bot: neural{(Options.NeuralFeedback.IsOn ? "+fb" : "")}; text: neural+FTS5 α={NeuralFusion.DenseWeight.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}");
        var done = 0;
        foreach (var i in queries)
        {
            var doc = Documents[i];
            var text = LsaEngine.TextOf(doc.Title, doc.Abstract);
            var weights = Engine.Model.Weights(text);
            var v = lsa.Start();
            var vector = Engine.Search(text, new RowFilter(0, null, Seqs[i]), 30, 0, feedback: feedback).Select(r => r.Seq).Where(s => s != Seqs[i]).ToList();
            lsa.Stop(v);
            var p = plain.Start();
            var unrefined = Engine.Search(text, new RowFilter(0, null, Seqs[i]), 30, 0).Select(r => r.Seq).Where(s => s != Seqs[i]).ToList();
            plain.Stop(p);
            var f = fts.Start();
            var keyword = (await Scratch.Keywords.SearchAnyAsync(Engine.TopTerms(weights, 25), 31, false, cancellationToken)).Select(r => r.Seq).Where(s => s != Seqs[i]).ToList();
            fts.Stop(f);
            lsa.Precision += QualityMetrics.CategoryPrecision(doc, Docs(vector));
            plain.Precision += QualityMetrics.CategoryPrecision(doc, Docs(unrefined));
            fts.Precision += QualityMetrics.CategoryPrecision(doc, Docs(keyword));
            rrf.Precision += QualityMetrics.CategoryPrecision(doc, Docs(LsaSimilarityIndex.Rrf(vector, keyword)));

            // Known item: the title should find its own abstract (abstract-only vectors / the abstract column).
            var titleVector = new float[Engine.Model.Dimensions];
            var byTitle = Engine.Model.Project(doc.Title, titleVector)
                ? VectorSearcher.Search(abstracts, titleVector, RowFilter.None, 30, 0).Select(r => r.Seq).ToList()
                : [];
            var titleTerms = TitleWords(doc.Title);
            var byTitleFts = (await Scratch.Keywords.SearchAnyAsync(titleTerms, 30, true, cancellationToken)).Select(r => r.Seq).ToList();
            // Title resolution is a known-item search: no feedback (it would pull toward the title's neighbourhood).
            lsa.Mrr += QualityMetrics.ReciprocalRank(i, Ids(byTitle));
            plain.Mrr += QualityMetrics.ReciprocalRank(i, Ids(byTitle));
            fts.Mrr += QualityMetrics.ReciprocalRank(i, Ids(byTitleFts));
            rrf.Mrr += QualityMetrics.ReciprocalRank(i, Ids(LsaSimilarityIndex.Rrf(byTitle, byTitleFts)));
            if (neural is not null)
            {
                var d = dense.Start();
                var near = SeqsOf(neural.Neighbours(i, 30));
                dense.Stop(d);
                var df = denseFeedback.Start();
                var nearFeedback = SeqsOf(neural.NeighboursWithFeedback(i, 30, feedback.Neighbours, feedback.Weight));
                denseFeedback.Stop(df);
                var nearTitle = SeqsOf(neural.TitleToAbstracts(i, 30));
                dense.Precision += QualityMetrics.CategoryPrecision(doc, Docs(near));
                denseFeedback.Precision += QualityMetrics.CategoryPrecision(doc, Docs(nearFeedback));
                hybrid.Precision += QualityMetrics.CategoryPrecision(doc, Docs(LsaSimilarityIndex.Rrf(near, keyword)));
                withLsa.Precision += QualityMetrics.CategoryPrecision(doc, Docs(LsaSimilarityIndex.Rrf(near, vector)));
                withLsa.Mrr += QualityMetrics.ReciprocalRank(i, Ids(LsaSimilarityIndex.Rrf(nearTitle, byTitle)));
                // Indexed papers: both engines' neighbours with feedback; a title (a paper not in the index): all three rankings.
                all.Precision += QualityMetrics.CategoryPrecision(doc, Docs(LsaSimilarityIndex.Rrf(nearFeedback, vector)));
                all.Mrr += QualityMetrics.ReciprocalRank(i, Ids(Rrf(nearTitle, byTitle, byTitleFts)));
                dense.Mrr += QualityMetrics.ReciprocalRank(i, Ids(nearTitle));
                denseFeedback.Mrr += QualityMetrics.ReciprocalRank(i, Ids(nearTitle));
                hybrid.Mrr += QualityMetrics.ReciprocalRank(i, Ids(LsaSimilarityIndex.Rrf(nearTitle, byTitleFts)));

                // What NeuralSimilarityIndex answers: an indexed paper's neural neighbours (feedback as configured); a title
                // (free text) fused with FTS5 by NeuralFusion. Known-item search: the keyword side matches abstracts only.
                var pr = production.Start();
                var nearBot = Options.NeuralFeedback.IsOn ? SeqsOf(neural.NeighboursWithFeedback(i, 30, Options.NeuralFeedback.Neighbours, Options.NeuralFeedback.Weight)) : near;
                var denseTitle = neural.TitleToAbstractsScored(i, NeuralFusion.Depth).Where(r => Seqs[r.Doc] > 0).Select(r => (Seqs[r.Doc], (double)r.Score));
                var keywordTitle = await Scratch.Keywords.SearchAnyAsync(NeuralFusion.Words(doc.Title), NeuralFusion.Depth, true, cancellationToken);
                var fusedTitle = NeuralFusion.Fuse(denseTitle, keywordTitle, seq => DocBySeq.TryGetValue(seq, out var j) ? neural.TitleCosine(i, j) : null);
                production.Stop(pr);
                production.Precision += QualityMetrics.CategoryPrecision(doc, Docs(nearBot));
                production.Mrr += QualityMetrics.ReciprocalRank(i, Ids(fusedTitle.Select(f => f.Seq)));
            }

            done++;
            progress.Report(done, (double)done / queries.Count);
        }

        var n = Math.Max(1, queries.Count);
        var (lsaRow, ftsRow) = (lsa.Row(n), fts.Row(n));
        List<QualityRow> rows = [lsaRow, plain.Row(n), ftsRow, rrf.Row(n) with { MillisecondsPerQuery = lsaRow.MillisecondsPerQuery + ftsRow.MillisecondsPerQuery }];
        if (neural is not null)
        {
            var denseRow = dense.Row(n);
            rows.Add(denseRow);
            rows.Add(denseFeedback.Row(n));
            rows.Add(hybrid.Row(n) with { MillisecondsPerQuery = denseRow.MillisecondsPerQuery + ftsRow.MillisecondsPerQuery });
            rows.Add(withLsa.Row(n) with { MillisecondsPerQuery = denseRow.MillisecondsPerQuery + lsaRow.MillisecondsPerQuery });
            rows.Add(all.Row(n) with { MillisecondsPerQuery = denseFeedback.Row(n).MillisecondsPerQuery + lsaRow.MillisecondsPerQuery });
            rows.Add(production.Row(n));
            NeuralEmbedSeconds = neural.EmbedSeconds;
        }

        rows.Add(new QualityRow("random ranking (expected)", QualityMetrics.RandomPrecision(Documents), 0, 0));
        return rows;
    }

    /// <summary>Every index word of a title (not only the model's vocabulary), for the keyword baseline.</summary>
    internal static List<string> TitleWords(string title) => NeuralFusion.Words(title);

    /// <summary>Reciprocal rank fusion of any number of rankings (k = 60, as <see cref="LsaSimilarityIndex.Rrf"/>).</summary>
    private static List<long> Rrf(params List<long>[] rankings)
    {
        var scores = new Dictionary<long, double>();
        foreach (var list in rankings)
        {
            for (var r = 0; r < list.Count; r++)
            {
                scores[list[r]] = scores.GetValueOrDefault(list[r]) + 1.0 / (60 + r + 1);
            }
        }

        return [.. scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key)];
    }

    /// <summary>Seconds the last run spent embedding (papers, abstracts, titles); 0 without an embedder.</summary>
    public double NeuralEmbedSeconds { get; private set; }

    private List<long> SeqsOf(List<int> docs) => [.. docs.Where(j => Seqs[j] > 0).Select(j => Seqs[j])];

    internal IEnumerable<EvalDocument> Docs(IEnumerable<long> seqs) =>
        seqs.Where(DocBySeq.ContainsKey).Select(s => Documents[DocBySeq[s]]);

    internal IEnumerable<int> Ids(IEnumerable<long> seqs) =>
        seqs.Where(DocBySeq.ContainsKey).Select(s => DocBySeq[s]);

    private sealed class Measure(string name)
    {
        private long _ticks;
        public double Precision { get; set; }
        public double Mrr { get; set; }

        public long Start() => Stopwatch.GetTimestamp();

        public void Stop(long start) => _ticks += Stopwatch.GetTimestamp() - start;

        public QualityRow Row(int n) => new(name, Precision / n, Mrr / n, _ticks * 1000.0 / Stopwatch.Frequency / n);
    }
}
