using ResearchBot.Benchmarks;

// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- latency N [--queries Q] [--db PATH]
// dotnet run -c Release --project bench/ResearchBot.Benchmarks -- quality FILE
var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return args switch
{
    ["latency", var n, .. var rest] when long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) => await LatencyBench.RunAsync(count, rest, cts.Token),
    ["storage", var backend and ("sqlite" or "postgres"), var target, .. var rest] => await StorageLatencyBench.RunAsync(backend, target, rest, cts.Token),
    ["quality", var file] => await QualityBench.RunAsync(file, 128, cts.Token),
    ["quality", var file, "--dims", var d] => await QualityBench.RunAsync(file, int.Parse(d, System.Globalization.CultureInfo.InvariantCulture), cts.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: latency N [--queries Q] [--db PATH] [--seed FILE] | quality FILE [--dims N] | storage sqlite PATH|postgres CONNECTIONSTRING [--queries Q]");
    return 2;
}
