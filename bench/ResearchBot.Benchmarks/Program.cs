using ResearchBot.Benchmarks;

// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- latency N [--queries Q] [--db PATH] [--lucene [--lucene-dir DIR]]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- quality FILE [--dims N] [--model MiniLm|ArcticXs|none] [--tokens T] [--text ta|t|a] [--limit N] [--cache DIR]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- fusion-dump FILE [--model M] [--tokens T] [--limit N] [--cache DIR] [--out DUMP]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- fusion DUMP FILE
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- neural-study FILE [--tokens T] [--limit N] [--cache DIR] [--sample S] [--only NAME|NAME] [--supervised even|odd [--query-ridge R,.. [--query-beta B,..]] [--lda-dims D] [--blend-dims D]] [--adaptive true] [--shipped true]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- neural-projection FILE [--model M] [--tokens T] [--lambda L] [--dims D] [--cache DIR] [--out PATH]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- embed FILE [--model MiniLm|ArcticXs] [--tokens T] [--text ta|t] [--limit N] [--batch B]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- neural N [--queries Q] [--db PATH] [--lucene [--lucene-dir DIR]] [--during [--rate R]]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- neural-background N [--db PATH] [--qps Q] [--after Q]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- neural-scan N
var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return args switch
{
    ["latency", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => await LatencyBench.RunAsync(count, rest, cts.Token),
    ["embed", var file, .. var rest] => await EmbedBench.RunAsync(file, rest, cts.Token),
    ["quality", var file, .. var rest] => await QualityBench.RunAsync(file, rest, cts.Token),
    ["neural-study", var file, .. var rest] => await NeuralStudyBench.RunAsync(file, rest, cts.Token),
    ["neural-projection", var file, .. var rest] => await ProjectionBench.RunAsync(file, rest, cts.Token),
    ["fusion-dump", var file, .. var rest] => await FusionBench.DumpAsync(file, rest, cts.Token),
    ["fusion", var dump, var file] => FusionBench.Evaluate(dump, file),
    ["lsa-title", var file, .. var rest] => LsaTitleBench.Run(file, rest),
    ["neural", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => await NeuralBench.RunAsync(count, rest, cts.Token),
    ["neural-background", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => await NeuralBackgroundBench.RunAsync(count, rest, cts.Token),
    ["neural-scan", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => NeuralBench.Scan(count, rest),
    ["storage", var backend and ("sqlite" or "postgres" or "both"), var target, .. var rest] => await StorageLatencyBench.RunAsync(backend, target, rest, cts.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: latency N [--queries Q] [--db PATH] [--seed FILE] [--lucene [--lucene-dir DIR]] | neural N [--queries Q] [--db PATH] [--lucene [--lucene-dir DIR]] [--during [--rate R]] | neural-background N [--db PATH] [--qps Q] [--after Q] | neural-scan N | quality FILE [--dims N] [--model M|none] [--tokens T] [--text ta|t|a] [--limit N] [--cache DIR] | neural-study FILE [--supervised even|odd] [...] | neural-projection FILE [--lambda L] [--out PATH] | fusion-dump FILE [--model M] [--tokens T] [--limit N] [--cache DIR] [--out DUMP] | fusion DUMP FILE | lsa-title FILE | storage sqlite PATH|postgres CONNECTIONSTRING|both PATH CONNECTIONSTRING [--queries Q] | embed FILE [--model M] [--tokens T] [--text ta|t] [--limit N] [--batch B] [--threads K]");
    return 2;
}
