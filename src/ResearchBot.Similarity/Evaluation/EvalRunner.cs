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

    /// <summary>The rows of the quality table: the engines the bot has (LSA, LSA + FTS5, FTS5; with an embedder the model alone and the bot's own neural index), plus the random level.</summary>
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
        var lsa = new Measure(Engine.Description + " + feedback (LSA engine)");
        var fts = new Measure("FTS5 BM25 more-like-this (25 terms)");
        var rrf = new Measure(Engine.Description + " + FTS5 (RRF, FuseWithKeywords)");
        var neural = Embedder is null ? null : await NeuralEval.CreateAsync(Embedder, Documents, cancellationToken);
        var dense = new Measure($"neural {Embedder?.ModelId} (model alone)");
        using var bot = neural is null ? null : await NeuralIndexAsync(neural, cancellationToken);
        var production = new Measure($"bot: {bot?.ActiveEngine}");
        var papers = new Dictionary<long, Paper>();
        VectorMatrix? botAbstracts = null;
        float[][] botStored = [];
        if (bot is not null)
        {
            foreach (var chunk in queries.Select(i => Seqs[i]).Chunk(1000))
            {
                foreach (var p in await Scratch.Papers.GetBySeqAsync(chunk, cancellationToken))
                {
                    papers[p.Seq] = p;
                }
            }

            (botAbstracts, botStored) = AbstractMatrix(bot.Engine!, neural!);
        }
        var done = 0;
        foreach (var i in queries)
        {
            var doc = Documents[i];
            var text = LsaEngine.TextOf(doc.Title, doc.Abstract);
            var weights = Engine.Model.Weights(text);
            var v = lsa.Start();
            var vector = Engine.Search(text, new RowFilter(0, null, Seqs[i]), 30, 0, feedback: feedback).Select(r => r.Seq).Where(s => s != Seqs[i]).ToList();
            lsa.Stop(v);
            var f = fts.Start();
            var keyword = (await Scratch.Keywords.SearchAnyAsync(Engine.TopTerms(weights, 25), 31, false, cancellationToken)).Select(r => r.Seq).Where(s => s != Seqs[i]).ToList();
            fts.Stop(f);
            lsa.Precision += QualityMetrics.CategoryPrecision(doc, Docs(vector));
            fts.Precision += QualityMetrics.CategoryPrecision(doc, Docs(keyword));
            rrf.Precision += QualityMetrics.CategoryPrecision(doc, Docs(LsaSimilarityIndex.Rrf(vector, keyword)));

            // Known item: the title should find its own abstract (abstract-only vectors / the FTS5 abstract column).
            var titleVector = new float[Engine.Model.Dimensions];
            var byTitle = Engine.Model.Project(doc.Title, titleVector)
                ? VectorSearcher.Search(abstracts, titleVector, RowFilter.None, 30, 0).Select(r => r.Seq).ToList()
                : [];
            var titleTerms = TitleWords(doc.Title);
            var byTitleFts = (await Scratch.Keywords.SearchAnyAsync(titleTerms, 30, true, cancellationToken)).Select(r => r.Seq).ToList();
            // Title resolution is a known-item search: no feedback (it would pull toward the title's neighbourhood).
            lsa.Mrr += QualityMetrics.ReciprocalRank(i, Ids(byTitle));
            fts.Mrr += QualityMetrics.ReciprocalRank(i, Ids(byTitleFts));
            rrf.Mrr += QualityMetrics.ReciprocalRank(i, Ids(LsaSimilarityIndex.Rrf(byTitle, byTitleFts)));
            if (neural is not null && bot is not null && botAbstracts is not null)
            {
                // The model alone: exact cosine over its float vectors, no compaction, no feedback, no fusion (untuned).
                var d = dense.Start();
                var near = SeqsOf(neural.Neighbours(i, 30));
                dense.Stop(d);
                dense.Precision += QualityMetrics.CategoryPrecision(doc, Docs(near));
                dense.Mrr += QualityMetrics.ReciprocalRank(i, Ids(SeqsOf(neural.TitleToAbstracts(i, 30))));

                // What the bot answers: NeuralSimilarityIndex itself for an indexed paper (stored vector, scan, re-ranking,
                // papers loaded, shared terms); a title (free text) through the engine's query reduction, fused with FTS5
                // by NeuralFusion as FindByDescriptionAsync does, against abstract-only vectors (the known-item target).
                var pr = production.Start();
                var answer = await bot.FindSimilarAsync(papers[Seqs[i]], new SimilarityQuery(10), cancellationToken);
                production.Stop(pr);
                production.Precision += QualityMetrics.CategoryPrecision(doc, Docs(answer.Neighbours.Select(n => n.Paper.Seq)));
                var engine = bot.Engine!;
                var query = engine.Reduce(neural.TitleVector(i));
                var fusedTitle = new List<(long Seq, double Score)>();
                if (query is not null)
                {
                    var denseTitle = VectorSearcher.Search(botAbstracts, query, RowFilter.None, NeuralFusion.Depth, 0).Select(r => (r.Seq, (double)r.Score)).ToList();
                    var keywordTitle = await Scratch.Keywords.SearchAnyAsync(NeuralFusion.Words(doc.Title), NeuralFusion.Depth, true, cancellationToken);
                    fusedTitle = NeuralFusion.Fuse(denseTitle, keywordTitle, seq => DocBySeq.TryGetValue(seq, out var j) ? System.Numerics.Tensors.TensorPrimitives.Dot(botStored[j], query) : null);
                }

                production.Mrr += QualityMetrics.ReciprocalRank(i, Ids(fusedTitle.Select(t => t.Seq)));
            }

            done++;
            progress.Report(done, (double)done / queries.Count);
        }

        var n = Math.Max(1, queries.Count);
        var (lsaRow, ftsRow) = (lsa.Row(n), fts.Row(n));
        List<QualityRow> rows = [lsaRow, rrf.Row(n) with { MillisecondsPerQuery = lsaRow.MillisecondsPerQuery + ftsRow.MillisecondsPerQuery }, ftsRow];
        if (neural is not null)
        {
            rows.Add(dense.Row(n));
            rows.Add(production.Row(n));
            NeuralEmbedSeconds = neural.EmbedSeconds;
        }

        rows.Add(new QualityRow("random ranking (expected)", QualityMetrics.RandomPrecision(Documents), 0, 0));
        return rows;
    }

    /// <summary>
    /// The bot's neural index over the scratch corpus, built by its own job (sample, fit, reduce, int8, store) from the
    /// vectors the eval embedded already (a text it did not embed goes to the embedder).
    /// </summary>
    private async Task<NeuralSimilarityIndex> NeuralIndexAsync(NeuralEval neural, CancellationToken cancellationToken)
    {
        var embedder = new PrecomputedEmbedder(neural.Embedder, neural.DocumentVectors());
        var index = new NeuralSimilarityIndex(Scratch.Papers, Scratch.Vectors, embedder, Index, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<NeuralSimilarityIndex>.Instance, Scratch.Keywords);
        var outcome = await index.EmbedMissingAsync(cancellationToken);
        if (outcome != EmbeddingOutcome.Complete || !index.IsComplete)
        {
            index.Dispose();
            throw new InvalidOperationException($"The eval's neural index did not complete ({outcome}).");
        }

        return index;
    }

    /// <summary>Every document's abstract alone, reduced and stored as the engine stores a paper (the title's target).</summary>
    private (VectorMatrix Matrix, float[][] Stored) AbstractMatrix(NeuralEngine engine, NeuralEval neural)
    {
        var matrix = new VectorMatrix(engine.Model.Dimensions, new float[engine.Model.Dimensions], Documents.Count);
        var stored = new float[Documents.Count][];
        var zero = VectorCodec.Encode(new float[engine.Model.Dimensions]);
        for (var i = 0; i < Documents.Count; i++)
        {
            var blob = engine.Encode(neural.AbstractVector(i)) ?? zero;
            stored[i] = VectorCodec.Decode(blob);
            if (Seqs[i] > 0)
            {
                matrix.Append(Seqs[i], 0, "", blob);
            }
        }

        return (matrix, stored);
    }

    /// <summary>Every index word of a title (not only the model's vocabulary), for the keyword baseline.</summary>
    internal static List<string> TitleWords(string title) => NeuralFusion.Words(title);

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
