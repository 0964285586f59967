using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Commands.Similar;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Neural;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Papers;
using ResearchBot.Storage.Sqlite.Similarity;
using ResearchBot.TestKit;

namespace ResearchBot.Benchmarks;

/// <summary>
/// The neural engine at N synthetic papers with the hashing stand-in for the model (384 dimensions, as MiniLM): embeds
/// every paper (PCA to 128), restarts (start-up, bytes per paper), times <c>/similar ID</c> end to end; then, with
/// <c>--during</c>, embeds a fresh model version of the same papers in the background with an embedder throttled to
/// <c>--rate</c> papers/s while burning every core (as ONNX Runtime would), and times the answers (LSA's, with the
/// coverage note) meanwhile.
/// </summary>
internal static class NeuralBench
{
    public static async Task<int> RunAsync(long n, string[] args, CancellationToken ct)
    {
        var queries = Arg(args, "--queries") is { } q ? int.Parse(q, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var dbPath = Arg(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"rb-bench-{n}.db");
        var during = args.Contains("--during");
        var rate = Arg(args, "--rate") is { } r ? double.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 40;
        var seed = Arg(args, "--seed") ?? Path.Combine(RepoPaths.Root(), "src", "ResearchBot", "Seed", "seed-papers.jsonl");
        Console.WriteLine($"N={n:N0}  db={dbPath}  cores={Environment.ProcessorCount}  load: {Load()}");
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = dbPath, SeedDemoData = false }), NullLogger<SqliteDatabase>.Instance);
        var papers = new SqlitePaperIndex(database, [], new BulkLoadState(), TimeProvider.System, NullLogger<SqlitePaperIndex>.Instance);
        var store = new SqliteSimilarityStore(database, TimeProvider.System);
        var keywords = new SqliteKeywordNeighbourSearch(database);
        var options = Options.Create(new SimilarityOptions { Engine = SimilarityEngine.MiniLm });
        if (await papers.CountAsync(ct) < n)
        {
            var took = await CorpusWriter.WriteAsync(database, new SyntheticCorpus(seed, n), n, ct);
            Console.WriteLine($"generate+write {n:N0} papers: {took.TotalSeconds:0.0} s");
        }

        using var lsa = new LsaSimilarityIndex(papers, store, options, TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance, keywords);
        var embedder = new HashingTextEmbedder(384, "hashing-bow/384");
        await EmbedAllAsync(); // in its own method, so the first engine is garbage before the heap is measured

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(true);
        var start = Stopwatch.StartNew();
        using var index = New(embedder);
        var answering = await index.EnsureReadyAsync(ct);
        var startup = start.Elapsed;
        var heapAfter = GC.GetTotalMemory(true);
        var engine = index.Engine!;
        Console.WriteLine($"start-up (load model + {engine.Count:N0} vectors from SQLite, codes): {startup.TotalSeconds:0.00} s; answers neurally: {answering}");
        Console.WriteLine($"memory: matrix {engine.Matrix.BytesPerRow} bytes/paper; managed heap growth at start-up {(heapAfter - heapBefore) / (double)engine.Count:0} bytes/paper (matrix with spare capacity + seq→row map + model); load: {Load()}");

        var resolver = new PaperResolver(papers, new PaperIngestor(papers, [index], NullLogger<PaperIngestor>.Instance), []);
        var ids = await RandomIdsAsync(papers, n, queries, ct);
        var times = await TimeSimilarAsync(new SimilarCommand(resolver, index), ids, TimeSpan.FromSeconds(2), ct);
        Console.WriteLine($"/similar ID end to end, neural ({ids.Count} queries, limit 8, {(options.Value.UsesPrefilter(engine.Count) ? $"{options.Value.Prefilter} pre-pass, {options.Value.PrefilterCandidates:N0} candidates" : "exact scan")}): {Percentiles(times)}; load: {Load()}");

        if (args.Contains("--lucene"))
        {
            var command = new SimilarCommand(resolver, index);
            await CompareWithLuceneAsync(papers, n, ids, id => SimilarAsync(command, id, ct), "ours (neural)", Arg(args, "--lucene-dir"), ct);
        }

        if (during)
        {
            await DuringAsync(rate, papers, store, keywords, options, resolver, ct);
        }

        return 0;

        async Task EmbedAllAsync()
        {
            var build = Stopwatch.StartNew();
            using var first = New(embedder);
            var outcome = await first.EmbedMissingAsync(ct);
            Console.WriteLine($"embed every paper (hashing stand-in, PCA 384 → {options.Value.NeuralDimensions}, save in batches of {options.Value.EmbedBatchSize}): {outcome}, {build.Elapsed.TotalSeconds:0.0} s ({embedder.Texts:N0} texts embedded; then {first.ActiveEngine}: the augmentation pass included when on)");
        }

        NeuralSimilarityIndex New(ITextEmbedder e) =>
            new(papers, store, e, lsa, options, TimeProvider.System, NullLogger<NeuralSimilarityIndex>.Instance, keywords);
    }

    /// <summary>Answers timed while a throttled embedder covers a fresh model version in the background.</summary>
    private static async Task DuringAsync(double rate, SqlitePaperIndex papers, SqliteSimilarityStore store, SqliteKeywordNeighbourSearch keywords, IOptions<SimilarityOptions> options, PaperResolver resolver, CancellationToken ct)
    {
        using var lsa = new LsaSimilarityIndex(papers, store, options, TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance, keywords);
        await lsa.EnsureReadyAsync(ct);
        var inner = new HashingTextEmbedder(384, $"throttled-{Guid.NewGuid():N}");
        var throttled = new ThrottledEmbedder(inner, rate);
        using var index = new NeuralSimilarityIndex(papers, store, throttled, lsa, options, TimeProvider.System, NullLogger<NeuralSimilarityIndex>.Instance, keywords);
        await index.EnsureReadyAsync(ct);
        var total = await papers.CountAsync(ct);
        var ids = await RandomIdsAsync(papers, total, 400, ct);
        var command = new SimilarCommand(resolver, index);
        var quiet = await TimeSimilarAsync(command, ids, TimeSpan.FromSeconds(2), ct);
        Console.WriteLine($"background scenario: {total:N0} papers, embedder throttled to {rate} papers/s on all {Environment.ProcessorCount} cores");
        Console.WriteLine($"  /similar ID (LSA answers, coverage note) before embedding starts: {Percentiles(quiet)}; load: {Load()}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = Stopwatch.StartNew();
        var job = index.EmbedMissingAsync(stop.Token);
        while (throttled.Started == 0)
        {
            await Task.Delay(100, ct); // until the first batch burns the cores
        }

        var burning = Stopwatch.StartNew();
        var busy = new List<double>();
        while (burning.Elapsed < TimeSpan.FromSeconds(30))
        {
            busy.AddRange(await TimeSimilarAsync(command, ids, TimeSpan.Zero, ct));
        }

        var progress = index.Progress;
        Console.WriteLine($"  /similar ID while embedding ({busy.Count} queries over {burning.Elapsed.TotalSeconds:0} s; {throttled.Texts / burning.Elapsed.TotalSeconds:0.0} papers/s embedded meanwhile, {progress.Embedded:N0} of {progress.Total:N0} stored so far, the first {options.Value.NeuralSampleSize:N0} being the PCA sample): {Percentiles(busy)}; footer: \"{progress.FooterNote}\"; load: {Load()}");
        await stop.CancelAsync();
        try
        {
            await job;
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine($"  stopped after {index.Progress.Embedded:N0} papers (a restart resumes from them)");
    }

    /// <summary>
    /// The neural engine's in-memory part at N papers with synthetic vectors (64 topic centres plus noise, 128 dimensions,
    /// int8): bytes per paper on the managed heap (matrix, codes, seq → row map), the time to append them and fit the
    /// codes (start-up minus reading SQLite), and the search for an indexed paper: stored-vector lookup + 2-bit pre-pass
    /// + int8 re-scoring, top 8.
    /// </summary>
    public static int Scan(long n, string[] args)
    {
        var queries = Arg(args, "--queries") is { } q ? int.Parse(q, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var options = new SimilarityOptions();
        const int Dims = 128;
        Console.WriteLine($"neural scan: N={n:N0} synthetic {Dims}-dim vectors  cores={Environment.ProcessorCount}  load: {Load()}");
        var random = new Random(3);
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true); // before the synthetic blobs, which are dropped before the second reading
        var centres = Enumerable.Range(0, 64).Select(_ => Unit([.. Enumerable.Range(0, Dims).Select(_ => Gaussian(random))])).ToArray();
        var blobs = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            var c = centres[random.Next(centres.Length)];
            blobs[i] = ResearchBot.Similarity.Search.VectorCodec.Encode(Unit([.. c.Select(x => x + 0.12f * Gaussian(random))]));
        }

        var identity = new float[Dims * Dims];
        for (var i = 0; i < Dims; i++)
        {
            identity[i * Dims + i] = 1;
        }

        var model = new NeuralModel("synthetic/128", new PcaReduction(Dims, Dims, new float[Dims], identity), ResearchBot.Similarity.Model.LsaFitter.FitTerms(["synthetic"], new()));
        var watch = Stopwatch.StartNew();
        var engine = new NeuralEngine(model, new ResearchBot.Similarity.Search.VectorMatrix(Dims, new float[Dims], (int)n + 1024));
        for (var i = 0; i < n; i++)
        {
            engine.Append(new Core.Similarity.StoredVector(i + 1, 1, 2000 + i % 25, (i % 7) switch { 0 => "cs.LG", 1 => "cs.CV q-bio.NC", _ => "cs.CL" }, blobs[i]));
        }

        var appended = watch.Elapsed;
        engine.Matrix.EnsureCodes();
        var codes = watch.Elapsed - appended;
        blobs = null;
        GC.Collect();
        var heapAfter = GC.GetTotalMemory(true);
        Console.WriteLine($"append {n:N0} vectors: {appended.TotalSeconds:0.00} s; fit + encode 2-bit codes: {codes.TotalSeconds:0.00} s");
        Console.WriteLine($"memory: matrix {engine.Matrix.BytesPerRow} bytes/paper; managed heap with the seq → row map and spare capacity {(heapAfter - heapBefore) / (double)n:0} bytes/paper");
        var candidates = options.UsesPrefilter((int)n) ? options.PrefilterCandidates : 0;
        var times = new List<double>();
        var exact = new List<double>();
        var recall = 0.0;
        for (var i = 0; i < queries + 200; i++)
        {
            var seq = random.NextInt64(1, n + 1);
            var t = Stopwatch.GetTimestamp();
            var v = engine.VectorOf(seq)!;
            var hits = ResearchBot.Similarity.Search.VectorSearcher.Search(engine.Matrix, v, new ResearchBot.Similarity.Search.RowFilter(0, null, seq), 8, candidates, options.Prefilter);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (i >= 200)
            {
                times.Add(ms);
                if (i % 5 == 0)
                {
                    t = Stopwatch.GetTimestamp();
                    var all = ResearchBot.Similarity.Search.VectorSearcher.Search(engine.Matrix, v, new ResearchBot.Similarity.Search.RowFilter(0, null, seq), 8, 0);
                    exact.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    recall += hits.Select(h => h.Seq).Intersect(all.Select(a => a.Seq)).Count() / 8.0;
                }
            }
        }

        Console.WriteLine($"lookup + search, top 8 ({(candidates > 0 ? $"{options.Prefilter} pre-pass, {candidates:N0} candidates" : "exact")}): {Percentiles(times)}; exact int8 scan: {Percentiles(exact)}; top-8 recall vs exact {recall / exact.Count:0.000}; load: {Load()}");
        return 0;

        static float[] Unit(float[] v)
        {
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
            System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
            return v;
        }

        static float Gaussian(Random r) => (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble()));
    }

    internal static async Task<List<string>> RandomIdsAsync(SqlitePaperIndex papers, long n, int count, CancellationToken ct)
    {
        var random = new Random(11);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var found = await papers.GetBySeqAsync([random.NextInt64(1, n + 1)], ct);
            if (found.Count == 1)
            {
                ids.Add(found[0].Id);
            }
        }

        return ids;
    }

    private static async Task<List<double>> TimeSimilarAsync(SimilarCommand command, List<string> ids, TimeSpan warmUp, CancellationToken ct)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; warmUp > TimeSpan.Zero && (i < 200 || warm.Elapsed < warmUp); i++)
        {
            await RunOnce(ids[i % ids.Count]);
        }

        var times = new List<double>();
        foreach (var id in ids)
        {
            var t = Stopwatch.GetTimestamp();
            await RunOnce(id);
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        return times;

        Task RunOnce(string id) => SimilarAsync(command, id, ct);
    }

    private static readonly CommandContext BenchContext = new(new ChannelAddress("bench", "local", "bench"), "bench", false);

    /// <summary>One <c>/similar ID</c> through the command, as the bot runs it; the reply (its footer carries the coverage note).</summary>
    internal static async Task<ResearchBot.Core.Replies.Reply> SimilarAsync(SimilarCommand command, string id, CancellationToken ct)
    {
        var (arguments, _) = ArgumentBinder.BindText(command.Spec, id);
        var result = await command.ExecuteAsync(BenchContext, arguments!, ct);
        return result is CommandResult.Success success ? success.Reply : throw new InvalidOperationException($"/similar {id} failed: {result.ToReply().Body}");
    }

    /// <summary>
    /// Builds a Lucene.Net index of the same papers (in <paramref name="dir"/>, default <c>/tmp/rb-lucene-N</c>, deleted
    /// afterwards) and times MoreLikeThis against <paramref name="ours"/> on the same query papers, interleaved.
    /// </summary>
    internal static async Task CompareWithLuceneAsync(IPaperIndex papers, long n, List<string> ids, Func<string, Task> ours, string oursName, string? dir, CancellationToken ct)
    {
        dir ??= Path.Combine(Path.GetTempPath(), $"rb-lucene-{n}");
        Console.WriteLine($"Lucene.Net baseline: building the index in {dir}; load: {Load()}");
        using (var lucene = await LuceneBaseline.BuildAsync(papers, dir, ct))
        {
            Console.WriteLine($"Lucene.Net index build: {lucene.Stats}; load: {Load()}");
            Console.WriteLine(await lucene.CompareAsync(ids, ours, oursName, ct));
            Console.WriteLine($"  (ours: /similar ID end to end, limit 8, reply built; Lucene: id → doc, MoreLikeThis.Like(doc), top 10 besides itself, their stored ids); load: {Load()}");
        }

        Directory.Delete(dir, recursive: true);
    }

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    internal static string Percentiles(List<double> ms)
    {
        var sorted = ms.Order().ToArray();
        double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"p50 {P(0.5):0.00} ms, p90 {P(0.9):0.00} ms, p99 {P(0.99):0.00} ms";
    }

    internal static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A model's pace on CPU: each batch takes count/rate seconds with every core busy (ONNX Runtime's intra-op threads).</summary>
    private sealed class ThrottledEmbedder(HashingTextEmbedder inner, double rate) : ITextEmbedder
    {
        public string ModelId => inner.ModelId;
        public int Dimensions => inner.Dimensions;
        public string TextOf(Paper paper) => inner.TextOf(paper);

        /// <summary>Batches begun.</summary>
        public int Started;

        /// <summary>Texts embedded since the first batch began.</summary>
        public int Texts => inner.Texts;

        public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Started);
            var until = Stopwatch.GetTimestamp() + (long)(texts.Count / rate * Stopwatch.Frequency);
            await Task.Run(() => Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { CancellationToken = cancellationToken }, _ =>
            {
                var x = 1.0;
                while (Stopwatch.GetTimestamp() < until && !cancellationToken.IsCancellationRequested)
                {
                    for (var i = 0; i < 10_000; i++)
                    {
                        x = x * 1.0000001 + 1e-9;
                    }
                }

                GC.KeepAlive(x);
            }), cancellationToken);
            return await inner.EmbedAsync(texts, cancellationToken);
        }
    }
}
