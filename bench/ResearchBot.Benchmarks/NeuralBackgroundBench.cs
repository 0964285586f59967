using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands.Similar;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity;
using ResearchBot.Similarity.Neural;
using ResearchBot.Similarity.Onnx;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Papers;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Benchmarks;

/// <summary>
/// <c>neural-background N [--db PATH] [--qps Q] [--after Q]</c>: a fresh database of N synthetic papers and the bot's
/// default neural engine (MiniLM through ONNX Runtime with the default <c>Similarity:Embedder</c> options), embedded from
/// scratch in the background by <see cref="NeuralSimilarityIndex.EmbedMissingAsync"/> (what the bot's hosted
/// <c>NeuralEmbeddingService</c> runs after <see cref="NeuralSimilarityIndex.EnsureReadyAsync"/>), while a client in the
/// same process asks <c>/similar ID</c> at a steady pace: the latency before embedding starts (LSA answers with the
/// coverage footer), during it (with the footer's percentage as it grows) and after the switch (neural answers), and
/// the total embedding time.
/// </summary>
internal static partial class NeuralBackgroundBench
{
    public static async Task<int> RunAsync(long n, string[] args, CancellationToken ct)
    {
        var qps = NeuralBench.Arg(args, "--qps") is { } q ? double.Parse(q, CultureInfo.InvariantCulture) : 20;
        var afterCount = NeuralBench.Arg(args, "--after") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 1000;
        var dbPath = NeuralBench.Arg(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"rb-background-{n}.db");
        var seed = NeuralBench.Arg(args, "--seed") ?? Path.Combine(RepoPaths.Root(), "src", "ResearchBot", "Seed", "seed-papers.jsonl");
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
        {
            File.Delete(f); // from scratch: no model, no vectors
        }

        var embedderOptions = new OnnxEmbedderOptions(); // the bot's defaults
        Console.WriteLine($"neural-background: N={n:N0}  db={dbPath}  cores={Environment.ProcessorCount}  client {qps} queries/s  embedder {embedderOptions.Model}, {embedderOptions.MaxTokens} tokens, int8 {embedderOptions.Int8}, batch {embedderOptions.BatchSize}, threads {(embedderOptions.Threads > 0 ? embedderOptions.Threads : Environment.ProcessorCount)}; load: {NeuralBench.Load()}");
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = dbPath, SeedDemoData = false }), NullLogger<SqliteDatabase>.Instance);
        var papers = new SqlitePaperIndex(database, [], new BulkLoadState(), TimeProvider.System, NullLogger<SqlitePaperIndex>.Instance);
        var store = new SqliteSimilarityStore(database, TimeProvider.System);
        var keywords = new SqliteKeywordNeighbourSearch(database);
        var options = Options.Create(new SimilarityOptions { Engine = SimilarityEngine.MiniLm });
        var took = await CorpusWriter.WriteAsync(database, new SyntheticCorpus(seed, n), n, ct);
        Console.WriteLine($"generate+write {n:N0} papers: {took.TotalSeconds:0.0} s");

        using var onnx = new OnnxTextEmbedder(embedderOptions);
        using var lsa = new LsaSimilarityIndex(papers, store, options, TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance, keywords);
        using var index = new NeuralSimilarityIndex(papers, store, onnx, lsa, options, TimeProvider.System, NullLogger<NeuralSimilarityIndex>.Instance, keywords);
        var watch = Stopwatch.StartNew();
        var answersNeurally = await index.EnsureReadyAsync(ct); // the start-up warm-up: no model yet, so LSA is built
        Console.WriteLine($"start-up warm-up (no neural model yet: LSA fit + project + save): {watch.Elapsed.TotalSeconds:0.0} s; answers neurally: {answersNeurally}; load: {NeuralBench.Load()}");

        var resolver = new PaperResolver(papers, new PaperIngestor(papers, [index], NullLogger<PaperIngestor>.Instance), []);
        var command = new SimilarCommand(resolver, index);
        var ids = await NeuralBench.RandomIdsAsync(papers, n, 1000, ct);
        var client = new Client(command, ids, qps, ct);
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 200 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            await client.AskAsync();
        }

        var before = new List<Sample>();
        while (before.Count < 400)
        {
            before.Add(await client.NextAsync());
        }

        Console.WriteLine($"before embedding starts ({before.Count} queries at {qps}/s; footer \"{before[^1].Footer}\"): {Summary(before)}; load: {NeuralBench.Load()}");

        // What NeuralEmbeddingService does next: EnsureReadyAsync said false, so embed every missing paper.
        var cpu0 = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.StartNew();
        var job = index.EmbedMissingAsync(ct);
        TimeSpan? jobEnded = null;
        _ = job.ContinueWith(_ => jobEnded = started.Elapsed, TaskScheduler.Default);
        var during = new List<Sample>();
        var window = new List<Sample>();
        var lastDecade = -1;
        var lastLine = TimeSpan.Zero;
        TimeSpan? switched = null;
        Console.WriteLine("during embedding (the footer's percentage as it grows; latencies of the answers since the previous line):");
        while (switched is null)
        {
            if (job.IsCompleted && !index.IsComplete)
            {
                throw new InvalidOperationException($"The embedding job ended ({await job}) without the switch to neural answers.");
            }

            var s = await client.NextAsync();
            if (s.Percent is null)
            {
                switched = started.Elapsed; // the first answer without the coverage note: neural answers now
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {started.Elapsed.TotalSeconds,6:0} s  first neural answer (footer \"{s.Footer}\"): {s.Ms:0.00} ms"));
                break;
            }

            during.Add(s);
            window.Add(s);
            var decade = s.Percent.Value / 10;
            if (decade != lastDecade || started.Elapsed - lastLine > TimeSpan.FromMinutes(2))
            {
                var progress = index.Progress;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {started.Elapsed.TotalSeconds,6:0} s  footer {s.Percent,2} %  {progress.Embedded,7:N0}/{progress.Total:N0} stored  {progress.Embedded / started.Elapsed.TotalSeconds,5:0.0} papers/s so far  {window.Count,5} answers: {Summary(window)}; load {NeuralBench.Load()}"));
                window.Clear();
                lastDecade = decade;
                lastLine = started.Elapsed;
            }
        }

        var outcome = await job;
        var total = jobEnded ?? started.Elapsed;
        var cpu = Environment.CpuUsage.TotalTime - cpu0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"embedding from scratch ({outcome}; PCA fit on a sample of ≤{options.Value.NeuralSampleSize:N0} spread over the index, saved in batches of {options.Value.EmbedBatchSize}): {total.TotalSeconds:0} s = {total.TotalMinutes:0.0} min, {n / total.TotalSeconds:0.0} papers/s; answers switched to neural at {switched!.Value.TotalSeconds:0} s; process CPU {cpu.TotalSeconds:0} s ({cpu.TotalSeconds / total.TotalSeconds:0.00} cores)"));
        Console.WriteLine($"during embedding, all {during.Count:N0} answers (LSA with the coverage footer): {Summary(during)}");
        var percents = during.Select(x => x.Percent!.Value).Distinct().Order().ToList();
        Console.WriteLine($"  footer percentages seen: {string.Join(", ", percents)}");

        var after = new List<Sample>();
        while (after.Count < afterCount)
        {
            after.Add(await client.NextAsync());
        }

        var stillLsa = after.Count(x => x.Percent is not null);
        Console.WriteLine($"after the switch ({after.Count} queries at {qps}/s, no extra warm-up; footer \"{after[^1].Footer}\"; answers still carrying the note: {stillLsa}): {Summary(after)}; first 100: {Summary(after.Take(100).ToList())}; load: {NeuralBench.Load()}");
        return 0;
    }

    private static string Summary(List<Sample> samples) => samples.Count == 0 ? "no answers" : NeuralBench.Percentiles([.. samples.Select(s => s.Ms)]);

    /// <summary>One answer: its wall-clock latency, its footer and the coverage percentage in it (null: a neural answer).</summary>
    private sealed record Sample(double Ms, string Footer, int? Percent);

    /// <summary>
    /// Asks <c>/similar ID</c> for the query papers in turn at a steady rate (the next question is due 1/qps after the
    /// previous one was due; a late one goes at once, and one more than a second late resets the schedule).
    /// </summary>
    private sealed class Client(SimilarCommand command, List<string> ids, double qps, CancellationToken ct)
    {
        private readonly long _interval = (long)(Stopwatch.Frequency / qps);
        private long _due = Stopwatch.GetTimestamp();
        private int _next;

        public async Task<Sample> AskAsync()
        {
            var id = ids[_next++ % ids.Count];
            var t = Stopwatch.GetTimestamp();
            var reply = await NeuralBench.SimilarAsync(command, id, ct);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            var footer = reply.Footer ?? "";
            var m = Coverage().Match(footer);
            return new Sample(ms, footer, m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null);
        }

        public async Task<Sample> NextAsync()
        {
            _due += _interval;
            var now = Stopwatch.GetTimestamp();
            if (now < _due)
            {
                await Task.Delay(TimeSpan.FromSeconds((_due - now) / (double)Stopwatch.Frequency), ct);
            }
            else if (now - _due > Stopwatch.Frequency)
            {
                _due = now;
            }

            return await AskAsync();
        }
    }

    [GeneratedRegex(@"neural index (\d+) %")]
    private static partial Regex Coverage();
}
