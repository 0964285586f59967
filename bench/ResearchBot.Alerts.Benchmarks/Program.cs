using System.Diagnostics;
using System.Globalization;
using ResearchBot.Alerts.Benchmarks;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;

// Matches N new papers against M subscriptions with the percolator, as the outbox participant does per batch.
// Usage: dotnet run -c Release --project bench/ResearchBot.Alerts.Benchmarks [PAPERS] [SUBSCRIPTIONS] [BATCH]
//        ... like [PAPERS] [SUBSCRIPTIONS] [DIMS] [BATCH] [THRESHOLD]   (like: subscriptions, one dense pass per batch)
if (args.Length > 0 && args[0] == "like")
{
    int Arg(int i, int d) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : d;
    LikeBench.Run(Arg(1, 10_000), Arg(2, 10_000), Arg(3, 128), Arg(4, 10_000), args.Length > 5 ? float.Parse(args[5], CultureInfo.InvariantCulture) : 0.3f);
    return;
}

var papers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var subscriptions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
var corpus = new SyntheticCorpus(seed: 2026);

var before = GC.GetTotalMemory(forceFullCollection: true);
var build = Stopwatch.StartNew();
var entries = new List<PercolatorEntry>(subscriptions);
for (var i = 0; i < subscriptions; i++)
{
    var query = AlertQueryParser.Parse(corpus.Query()).Query ?? throw new InvalidOperationException("generator made a bad query");
    entries.Add(new PercolatorEntry(new AlertSubscription
    {
        Id = i + 1,
        Channel = new ChannelAddress("discord", "g" + (i % 5000), "c" + (i % 7)),
        Query = query.Text,
        CreatedBy = "bench",
        CreatedAt = DateTimeOffset.UnixEpoch,
        StartAfterSeq = 0,
    }, query));
}

var percolator = new AlertPercolator(entries);
build.Stop();
var percolatorBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

var corpusPapers = Enumerable.Range(1, papers).Select(i => corpus.Paper(i)).ToList();
// Warm-up on other papers until the JIT has promoted the hot paths to tier 1 (as in a long-running bot), so
// neither JIT time nor tier-0 code is counted: several rounds of distinct papers, pausing for the background compiler.
var warmup = Enumerable.Range(papers + 1, 2_000).Select(i => corpus.Paper(i)).ToList();
for (var round = 0; round < 3; round++)
{
    foreach (var chunk in warmup.Chunk(batch))
    {
        percolator.Match(chunk);
    }

    Thread.Sleep(250);
}

var evaluationsBefore = percolator.Evaluations;
var prefilteredBefore = percolator.Prefiltered;

var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var match = Stopwatch.StartNew();
var hits = 0L;
foreach (var chunk in corpusPapers.Chunk(batch))
{
    hits += percolator.Match(chunk).Count;
}

match.Stop();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
var evaluations = percolator.Evaluations - evaluationsBefore;
var prefiltered = percolator.Prefiltered - prefilteredBefore;
var c = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(c, $"machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}"));
Console.WriteLine(string.Create(c, $"subscriptions: {subscriptions:N0} parsed and indexed in {build.Elapsed.TotalSeconds:0.00} s; percolator + queries hold {percolatorBytes / 1048576.0:0.0} MB"));
Console.WriteLine(string.Create(c, $"papers: {papers:N0} matched in {match.Elapsed.TotalSeconds:0.000} s in batches of {batch} = {papers / match.Elapsed.TotalSeconds:N0} papers/s (CPU time {cpu.TotalSeconds:0.000} s = {papers / cpu.TotalSeconds:N0} papers per CPU-second)"));
Console.WriteLine(string.Create(c, $"work: {evaluations:N0} full query evaluations ({evaluations / (double)papers:0.0} per paper of {subscriptions:N0}; {prefiltered / (double)papers:0.0} more candidates per paper turned away by their required terms), {hits:N0} matches, {allocated / 1048576.0:0.0} MB allocated while matching"));
Console.WriteLine(string.Create(c, $"load average while running: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}"));
Console.WriteLine(string.Create(c, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB"));
