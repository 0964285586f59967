using System.Diagnostics;
using System.Globalization;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Onnx;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Embedding throughput on real abstracts: <c>embed FILE [--model MiniLm|ArcticXs] [--tokens T] [--text ta|t] [--limit N]
/// [--batch B] [--threads K]</c>. Prints papers/s and the machine's load (the figure depends on it).
/// </summary>
internal static class EmbedBench
{
    public static async Task<int> RunAsync(string file, string[] args, CancellationToken ct)
    {
        var options = new OnnxEmbedderOptions();
        var limit = 5000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--model": options.Model = Enum.Parse<SentenceModelKind>(v, ignoreCase: true); break;
                case "--tokens": options.MaxTokens = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--text": options.Text = v == "t" ? PaperText.Title : PaperText.TitleAbstract; break;
                case "--limit": limit = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--batch": options.BatchSize = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--int8": options.Int8 = bool.Parse(v); break;
                case "--threads": options.Threads = int.Parse(v, CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var (docs, _) = EvalDocument.Load(file);
        var texts = docs.Take(limit).Select(d => OnnxTextEmbedder.TextOf(d.Title, d.Abstract, options.Text)).ToList();
        var load = Uptime();
        var started = Stopwatch.GetTimestamp();
        using var embedder = new OnnxTextEmbedder(options);
        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var tokens = texts.Sum(t => (long)embedder.Tokenize(t).Length);
        var t0 = Stopwatch.GetTimestamp();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var vectors = await embedder.EmbedAsync(texts, ct);
        var seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{embedder.ModelId}: {vectors.Length} papers ({tokens / (double)texts.Count:0} word pieces each after truncation) in {seconds:0.0} s = {vectors.Length / seconds:0.0} papers/s; batch {options.BatchSize}, threads {(options.Threads > 0 ? options.Threads : Environment.ProcessorCount)}, model load {loadMs:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU time {cpu:0.0} s = {vectors.Length / cpu:0.0} papers per CPU-second (with --threads 1 and no spinning this is the single-core rate however loaded the machine is)"));
        Console.WriteLine($"load before: {load}");
        Console.WriteLine($"load after:  {Uptime()}");
        return 0;
    }

    /// <summary>The machine's load averages (<c>/proc/loadavg</c>), to print next to every throughput figure.</summary>
    public static string Uptime() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "load unknown";
}
