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
using ResearchBot.Similarity.Search;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Papers;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Benchmarks;

/// <summary>Generates N papers, builds the index, restarts (start-up time, memory), then times /similar end to end.</summary>
internal static class LatencyBench
{
    public static async Task<int> RunAsync(long n, string[] args, CancellationToken ct)
    {
        var queries = Arg(args, "--queries") is { } q ? int.Parse(q, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var dbPath = Arg(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"rb-bench-{n}.db");
        var seed = Arg(args, "--seed") ?? Path.Combine(ResearchBot.Benchmarks.RepoPaths.Root(), "src", "ResearchBot", "Seed", "seed-papers.jsonl");
        Console.WriteLine($"N={n:N0}  db={dbPath}  cores={Environment.ProcessorCount}  AVX2={Int8Dot.Accelerated}");
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = dbPath, SeedDemoData = false }), NullLogger<SqliteDatabase>.Instance);
        var papers = new SqlitePaperIndex(database, [], new BulkLoadState(), TimeProvider.System, NullLogger<SqlitePaperIndex>.Instance);
        var store = new SqliteSimilarityStore(database, TimeProvider.System);
        var options = Options.Create(new SimilarityOptions());
        if (await papers.CountAsync(ct) < n)
        {
            var corpus = new SyntheticCorpus(seed, n);
            var took = await CorpusWriter.WriteAsync(database, corpus, n, ct);
            Console.WriteLine($"generate+write {n:N0} papers: {took.TotalSeconds:0.0} s");
        }

        var build = Stopwatch.StartNew();
        using (var first = new LsaSimilarityIndex(papers, store, options, TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance))
        {
            await first.EnsureReadyAsync(ct);
            Console.WriteLine($"first build or load (fit on ≤{options.Value.SampleSize:N0}, project all, save): {build.Elapsed.TotalSeconds:0.0} s");
        }

        var start = Stopwatch.StartNew();
        using var index = new LsaSimilarityIndex(papers, store, options, TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance);
        await index.EnsureReadyAsync(ct);
        var startup = start.Elapsed;
        var engine = index.Engine!;
        var modelBytes = (engine.Model.Components.Length + engine.Model.Idf.Length) * 4L + engine.Model.Vocabulary.Sum(t => 24L + 2 * t.Length) + engine.Model.Vocabulary.Length * 24L;
        Console.WriteLine($"start-up (load model + {engine.Matrix.Count:N0} vectors from SQLite): {startup.TotalSeconds:0.00} s");
        Console.WriteLine($"vector memory: {engine.Matrix.BytesPerRow} bytes/paper in the matrix ({engine.Matrix.AllocatedBytes / (double)engine.Matrix.Count:0} incl. spare capacity); model ≈ {modelBytes / 1e6:0} MB ({engine.Model.Vocabulary.Length:N0} terms × {engine.Model.Dimensions} dims); process working set {Environment.WorkingSet / 1e6:0} MB");

        var resolver = new PaperResolver(papers, new PaperIngestor(papers, [index], NullLogger<PaperIngestor>.Instance), []);
        var command = new SimilarCommand(resolver, index);
        var context = new CommandContext(new ChannelAddress("bench", "local", "bench"), "bench", false);
        var random = new Random(11);
        var ids = new List<string>();
        for (var i = 0; i < queries; i++)
        {
            var seq = random.NextInt64(1, n + 1);
            var found = await papers.GetBySeqAsync([seq], ct);
            if (found.Count == 1)
            {
                ids.Add(found[0].Id);
            }
        }

        // Warm-up: at least 200 commands and 2 s, so that tiered JIT has promoted the hot paths.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 200 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            await RunOnce(command, context, ids[i % ids.Count], ct);
        }

        var times = new List<double>();
        var cpuBefore = Environment.CpuUsage.UserTime + Environment.CpuUsage.PrivilegedTime;
        foreach (var id in ids)
        {
            var t = Stopwatch.GetTimestamp();
            await RunOnce(command, context, id, ct);
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        var cpu = Environment.CpuUsage.UserTime + Environment.CpuUsage.PrivilegedTime - cpuBefore;
        var prefilter = engine.Matrix.Count >= options.Value.PrefilterFromPapers ? $"{options.Value.Prefilter} pre-pass, {options.Value.PrefilterCandidates:N0} candidates" : "exact scan";
        Console.WriteLine($"/similar ID end to end ({ids.Count} queries, limit 8, {prefilter}): {Percentiles(times)}; process CPU {cpu.TotalMilliseconds / ids.Count:0.00} ms/query");
        if (args.Contains("--lucene"))
        {
            await NeuralBench.CompareWithLuceneAsync(papers, n, ids, id => RunOnce(command, context, id, ct), "ours (LSA)", Arg(args, "--lucene-dir"), ct);
        }

        var resolveMs = new List<double>();
        var findMs = new List<double>();
        foreach (var id in ids.Take(300))
        {
            var t = Stopwatch.GetTimestamp();
            var found = (PaperResolution.Found)await resolver.ResolveAsync(id, ct);
            resolveMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            await index.FindSimilarAsync(found.Paper, new Core.Similarity.SimilarityQuery(8), ct);
            findMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        var parts = new Dictionary<string, double> { ["bind"] = 0, ["weights"] = 0, ["search"] = 0, ["getBySeq"] = 0, ["shared"] = 0, ["reply"] = 0 };
        foreach (var id in ids.Take(300))
        {
            var t = Stopwatch.GetTimestamp();
            ArgumentBinder.BindText(command.Spec, id);
            parts["bind"] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            var paper = ((PaperResolution.Found)await resolver.ResolveAsync(id, ct)).Paper;
            var text = LsaEngine.TextOf(paper);
            t = Stopwatch.GetTimestamp();
            var w = engine.Model.Weights(text);
            parts["weights"] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            var hits = engine.Search(text, new RowFilter(0, null, paper.Seq), 8, 0);
            parts["search"] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            var ps = await papers.GetBySeqAsync([.. hits.Select(h => h.Seq)], ct);
            parts["getBySeq"] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            var probe = engine.Probe(w);
            var neighbours = ps.Select(p => new Core.Similarity.SimilarPaper(p, 0.5, probe.SharedTerms(LsaEngine.TextOf(p)))).ToList();
            parts["shared"] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            SimilarReplies.ForPaper(paper, false, new Core.Similarity.SimilarityQuery(8), new Core.Similarity.SimilarityResult([.. neighbours], Core.Similarity.SimilarityStatus.Ok, "x")).ToReply();
            parts["reply"] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        {
            var sample = LsaEngine.TextOf(((PaperResolution.Found)await resolver.ResolveAsync(ids[0], ct)).Paper);
            var tokens = new ResearchBot.Similarity.Text.TokenList();
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < 2000; i++)
            {
                ResearchBot.Similarity.Text.Tokenizer.Tokenize(sample, tokens);
            }

            var tok = Stopwatch.GetElapsedTime(t0).TotalMilliseconds / 2000;
            t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < 2000; i++)
            {
                engine.Model.Weights(sample);
            }

            Console.WriteLine($"  micro: tokenize {tok * 1000:0} µs, weights {Stopwatch.GetElapsedTime(t0).TotalMilliseconds / 2 :0} µs for {sample.Length} chars, {tokens.Count} tokens");
        }

        Console.WriteLine("  mean ms: " + string.Join(", ", parts.Select(p => $"{p.Key} {p.Value / 300:0.000}")));
        Console.WriteLine($"  of which resolving the id: {Percentiles(resolveMs)}; finding + loading neighbours + shared terms: {Percentiles(findMs)}");
        ScanOnly(engine, random);
        return 0;
    }

    private static async Task RunOnce(SimilarCommand command, CommandContext context, string id, CancellationToken ct)
    {
        var (arguments, _) = ArgumentBinder.BindText(command.Spec, id);
        var result = await command.ExecuteAsync(context, arguments!, ct);
        if (result is not CommandResult.Success)
        {
            throw new InvalidOperationException($"/similar {id} failed: {result.ToReply().Body}");
        }
    }

    /// <summary>The scan alone: exact int8 vs the pre-passes, and each pre-pass's top-10 recall against exact.</summary>
    private static void ScanOnly(LsaEngine engine, Random random)
    {
        var s = engine.Matrix.Snapshot();
        var exact = new List<double>();
        var pre = new Dictionary<(PrefilterKind Kind, int Candidates), (List<double> Ms, double Recall)>
        {
            [(PrefilterKind.Codes, 2000)] = ([], 0), [(PrefilterKind.Codes, 5000)] = ([], 0), [(PrefilterKind.Codes, 10000)] = ([], 0),
            [(PrefilterKind.SignBits, 5000)] = ([], 0), [(PrefilterKind.SignBits, 20000)] = ([], 0),
        };
        var ratio = new Dictionary<(PrefilterKind, int), (double, double)>();
        const int Q = 200;
        for (var i = 0; i < Q; i++)
        {
            var row = random.Next(s.Count);
            var v = VectorCodec.Decode([.. BitConverter.GetBytes(s.Scales[row]), .. s.Data.AsSpan(row * engine.Matrix.Stride, engine.Model.Dimensions).ToArray().Select(b => (byte)b)]);
            var filter = new RowFilter(0, null, s.Seqs[row]);
            var t = Stopwatch.GetTimestamp();
            var a = VectorSearcher.Search(engine.Matrix, v, filter, 10, 0);
            exact.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            foreach (var candidates in pre.Keys.ToList())
            {
                t = Stopwatch.GetTimestamp();
                var b = VectorSearcher.Search(engine.Matrix, v, filter, 10, candidates.Candidates, candidates.Kind);
                var (ms, recall) = pre[candidates];
                ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                pre[candidates] = (ms, recall + b.Select(x => x.Seq).Intersect(a.Select(x => x.Seq)).Count() / 10.0);
                var (sum, sumExact) = ratio.GetValueOrDefault(candidates);
                ratio[candidates] = (sum + b.Sum(x => x.Score), sumExact + a.Sum(x => x.Score));
            }
        }

        Console.WriteLine($"scan only, exact int8: {Percentiles(exact)}");
        foreach (var (candidates, (ms, recall)) in pre)
        {
            var name = candidates.Kind == PrefilterKind.Codes ? "2-bit code pre-pass" : "sign-bit pre-pass";
            Console.WriteLine($"scan only, {name} ({candidates.Candidates:N0} candidates) + int8 re-score: {Percentiles(ms)}; top-10 recall vs exact {recall / Q:0.000}, mean top-10 cosine vs exact {ratio[candidates].Item1 / ratio[candidates].Item2:0.000}");
        }
    }

    private static string Percentiles(List<double> ms)
    {
        var sorted = ms.Order().ToArray();
        double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"p50 {P(0.5):0.00} ms, p90 {P(0.9):0.00} ms, p99 {P(0.99):0.00} ms";
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
