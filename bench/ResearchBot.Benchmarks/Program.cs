using ResearchBot.Benchmarks;

// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- latency N [--queries Q] [--db PATH]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- neural N [--queries Q] [--db PATH] [--during [--rate R]]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- quality FILE
var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return args switch
{
    ["latency", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => await LatencyBench.RunAsync(count, rest, cts.Token),
    ["neural", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => await NeuralBench.RunAsync(count, rest, cts.Token),
    ["neural-scan", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => NeuralBench.Scan(count, rest),
    ["quality", var file] => await QualityBench.RunAsync(file, 128, cts.Token),
    ["quality", var file, "--dims", var d] => await QualityBench.RunAsync(file, int.Parse(d, System.Globalization.CultureInfo.InvariantCulture), cts.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: latency N [--queries Q] [--db PATH] [--seed FILE] | neural N [--queries Q] [--db PATH] [--during [--rate R]] | quality FILE [--dims N]");
    return 2;
}
