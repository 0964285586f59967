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
        var seed = Arg(args, "--seed") ?? "/work/shared/data/seed-papers.jsonl";
        Console.WriteLine($"N={n:N0}  db={dbPath}  cores={Environment.ProcessorCount}  AVX2={Int8Dot.Accelerated}");
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = dbPath, SeedDemoData = false }), NullLogger<SqliteDatabase>.Instance);
        var papers = new SqlitePaperIndex(database, [], TimeProvider.System, NullLogger<SqlitePaperIndex>.Instance);
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

        for (var i = 0; i < Math.Min(50, ids.Count); i++)
        {
            await RunOnce(command, context, ids[i], ct);
        }

        var times = new List<double>();
        foreach (var id in ids)
        {
            var t = Stopwatch.GetTimestamp();
            await RunOnce(command, context, id, ct);
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        Console.WriteLine($"/similar ID end to end ({ids.Count} queries, limit 8, prefilter {(engine.Matrix.Count >= options.Value.PrefilterFromPapers ? "on" : "off")}): {Percentiles(times)}");
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

    /// <summary>The scan alone: exact int8 vs sign-bit pre-pass, and the pre-pass's top-10 recall against exact.</summary>
    private static void ScanOnly(LsaEngine engine, Random random)
    {
        var s = engine.Matrix.Snapshot();
        var exact = new List<double>();
        var pre = new List<double>();
        double recall = 0;
        const int Q = 200;
        for (var i = 0; i < Q; i++)
        {
            var row = random.Next(s.Count);
            var v = VectorCodec.Decode([.. BitConverter.GetBytes(s.Scales[row]), .. s.Data.AsSpan(row * engine.Matrix.Stride, engine.Model.Dimensions).ToArray().Select(b => (byte)b)]);
            var filter = new RowFilter(0, null, s.Seqs[row]);
            var t = Stopwatch.GetTimestamp();
            var a = VectorSearcher.Search(engine.Matrix, v, filter, 10, 0);
            exact.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            var b = VectorSearcher.Search(engine.Matrix, v, filter, 10, 5000);
            pre.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            recall += b.Select(x => x.Seq).Intersect(a.Select(x => x.Seq)).Count() / 10.0;
        }

        Console.WriteLine($"scan only, exact int8: {Percentiles(exact)}");
        Console.WriteLine($"scan only, sign-bit pre-pass (5,000 candidates) + int8 re-score: {Percentiles(pre)}; top-10 recall vs exact {recall / Q:0.000}");
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
