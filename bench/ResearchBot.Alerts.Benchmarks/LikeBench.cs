using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Alerts.Benchmarks;

/// <summary>
/// N new papers × M like: subscriptions through the <see cref="LikePercolator"/> as the outbox participant runs it
/// (one dense pass per batch, filters and "why" for the hits), on random unit vectors of D dimensions.
/// </summary>
internal static class LikeBench
{
    public static void Run(int papers, int subscriptions, int dims, int batch, float threshold)
    {
        var rng = new Random(2026);
        var corpus = new SyntheticCorpus(seed: 2026);
        float[] Unit()
        {
            var v = new float[dims];
            for (var i = 0; i < dims; i++)
            {
                v[i] = (float)(rng.NextDouble() * 2 - 1);
            }

            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            return v;
        }

        var build = Stopwatch.StartNew();
        var examplePaper = corpus.Paper(1);
        var entries = new List<LikeEntry>(subscriptions);
        for (var i = 0; i < subscriptions; i++)
        {
            var sub = new AlertSubscription
            {
                Id = i + 1,
                Channel = new ChannelAddress("discord", "g" + (i % 5000), "c" + (i % 7)),
                Query = "like:#1",
                CreatedBy = "bench",
                CreatedAt = DateTimeOffset.UnixEpoch,
                StartAfterSeq = 0,
            };
            var w = Unit();
            var example = new LikeExample(examplePaper with { Seq = i + 1 }, w, SharedTerms.WordsOf(examplePaper));
            entries.Add(new LikeEntry(sub, new InterestModel("bench", w, 0f, threshold), null, [example]));
        }

        var percolator = new LikePercolator("bench", dims, entries);
        build.Stop();

        var list = Enumerable.Range(1, papers).Select(i => corpus.Paper(10 + i)).ToList();
        var vectors = list.Select(_ => (float[]?)Unit()).ToList();
        var warm = Enumerable.Range(1, 1000).Select(i => corpus.Paper(papers + 100 + i)).ToList();
        for (var round = 0; round < 3; round++)
        {
            percolator.Match(warm, [.. warm.Select(_ => (float[]?)Unit())]);
            Thread.Sleep(250);
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, Vector256 {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}"));
        Console.WriteLine(string.Create(c, $"like: subscriptions: {subscriptions:N0} models of {dims} dimensions packed in {build.Elapsed.TotalSeconds:0.00} s"));
        for (var run = 0; run < 3; run++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var match = Stopwatch.StartNew();
            var hits = 0L;
            for (var from = 0; from < papers; from += batch)
            {
                var n = Math.Min(batch, papers - from);
                hits += percolator.Match(list.GetRange(from, n), vectors.GetRange(from, n)).Count;
            }

            match.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var flops = 2.0 * papers * subscriptions * dims;
            Console.WriteLine(string.Create(c, $"run {run + 1}: {papers:N0} papers × {subscriptions:N0} like: subscriptions matched in {match.Elapsed.TotalSeconds:0.000} s in batches of {batch} (CPU {cpu.TotalSeconds:0.000} s, {flops / match.Elapsed.TotalSeconds / 1e9:0.0} GFLOP/s), {hits:N0} hits at threshold {threshold}"));
        }

        Console.WriteLine(string.Create(c, $"load average while running: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}"));
        Console.WriteLine(string.Create(c, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB"));
    }
}
