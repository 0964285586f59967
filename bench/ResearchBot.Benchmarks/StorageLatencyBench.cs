using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Postgres;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Benchmarks;

/// <summary>
/// <c>storage sqlite PATH | storage postgres CONNECTIONSTRING [--queries Q]</c>: the storage side of <c>/search</c> and
/// <c>/similar</c> on an existing index (the same import in both backends), as percentiles: the keyword search (two
/// passes as <c>/search</c> runs them), the id look-up and the neighbour page load of <c>/similar</c> (its vector scan is
/// in memory and the same on both backends), and the keyword "more like this" baseline.
/// </summary>
internal static class StorageLatencyBench
{
    public static async Task<int> RunAsync(string backend, string target, string[] rest, CancellationToken ct)
    {
        // storage both SQLITE_PATH PG_CONNECTIONSTRING [--queries Q]: the two backends in one run, query by query
        // interleaved (the same query text and ids to both, the order alternating), so both see the same machine load.
        var targets = new List<(string Backend, string Target)>();
        if (backend == "both")
        {
            if (rest.Length == 0)
            {
                Console.Error.WriteLine("usage: storage both SQLITE_PATH PG_CONNECTIONSTRING [--queries Q]");
                return 2;
            }

            targets.Add(("sqlite", target));
            targets.Add(("postgres", rest[0]));
            rest = rest[1..];
        }
        else
        {
            targets.Add((backend, target));
        }

        var queries = rest is ["--queries", var q] ? int.Parse(q, System.Globalization.CultureInfo.InvariantCulture) : 500;
        var opened = new List<(string Backend, ServiceProvider Provider, IPaperIndex Papers, IKeywordNeighbourSearch Keywords)>();
        try
        {
            foreach (var (name, t) in targets)
            {
                var settings = name == "postgres"
                    ? new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = t }
                    : new Dictionary<string, string?> { ["Storage:DatabasePath"] = t };
                var services = new ServiceCollection().AddLogging()
                    .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
                if (name == "postgres")
                {
                    services.AddPostgresStorage();
                }
                else
                {
                    services.AddSqliteStorage().AddSqliteAlerts().AddSqliteSimilarity();
                }

                var provider = services.BuildServiceProvider();
                opened.Add((name, provider, provider.GetRequiredService<IPaperIndex>(), provider.GetRequiredService<IKeywordNeighbourSearch>()));
            }

            var counts = new List<long>();
            foreach (var o in opened)
            {
                counts.Add(await o.Papers.CountAsync(ct));
            }

            Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} backends={string.Join(",", opened.Select(o => o.Backend))} papers={string.Join(",", counts.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} queries={queries}");

            // Query words and ids from a sample of the (first) index itself (seq is dense after an import); a paper is
            // named by its public id, which both backends share.
            var count = counts.Min();
            var random = new Random(42);
            var sample = await opened[0].Papers.GetBySeqAsync([.. Enumerable.Range(0, 2000).Select(_ => (long)random.Next(1, (int)Math.Min(count, int.MaxValue)))], ct);
            var words = sample.SelectMany(p => Core.Text.TextFold.Words(p.Title)).Where(w => w.Length > 4).Distinct().ToArray();
            string Query() => random.Next(3) switch
            {
                0 => words[random.Next(words.Length)],
                1 => words[random.Next(words.Length)] + " " + words[random.Next(words.Length)],
                _ => words[random.Next(words.Length)] + " " + words[random.Next(words.Length)] + " " + words[random.Next(words.Length)],
            };

            foreach (var o in opened)
            {
                for (var i = 0; i < 20; i++)
                {
                    await o.Papers.SearchAsync(Query(), 10, ct); // warm-up
                }
            }

            // Each backend's own seqs for the sampled papers (the same papers; seqs may differ between backends).
            var seqs = new List<Dictionary<string, long>>();
            foreach (var o in opened)
            {
                var map = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var p in sample)
                {
                    if (await o.Papers.GetAsync(p.Id, ct) is { } found)
                    {
                        map[p.Id] = found.Seq;
                    }
                }

                seqs.Add(map);
            }

            var ids = sample.Select(p => p.Id).Where(id => seqs.All(m => m.ContainsKey(id))).ToArray();
            await Report(opened, "/search (SearchAsync, limit 10)", queries, () => Query(), (o, _, x) => o.Papers.SearchAsync(x, 10, ct));
            await Report(opened, "/similar: resolve the id (GetAsync)", queries, () => ids[random.Next(ids.Length)], (o, _, x) => o.Papers.GetAsync(x, ct));
            await Report(opened, "/similar: load 8 neighbours (GetBySeqAsync)", queries, () => Enumerable.Range(0, 8).Select(_ => ids[random.Next(ids.Length)]).ToArray(), (o, k, x) => o.Papers.GetBySeqAsync([.. x.Select(id => seqs[k][id])], ct));
            await Report(opened, "/similar keyword baseline (SearchAnyAsync, 6 terms, limit 50)", queries, () => Enumerable.Range(0, 6).Select(_ => words[random.Next(words.Length)]).ToArray(), (o, _, x) => o.Keywords.SearchAnyAsync(x, 50, false, ct));
            await Report(opened, "title resolution (FindByTitleAsync, exact title)", queries, () => sample[random.Next(sample.Count)].Title, (o, _, x) => o.Papers.FindByTitleAsync(x, 5, ct));
            return 0;
        }
        finally
        {
            foreach (var o in opened)
            {
                await o.Provider.DisposeAsync();
            }
        }
    }

    /// <summary>Runs each input on every backend (alternating which goes first) and prints one percentile line per backend.</summary>
    private static async Task Report<TIn, TOut>(
        List<(string Backend, ServiceProvider Provider, IPaperIndex Papers, IKeywordNeighbourSearch Keywords)> backends,
        string name,
        int n,
        Func<TIn> input,
        Func<(string Backend, ServiceProvider Provider, IPaperIndex Papers, IKeywordNeighbourSearch Keywords), int, TIn, Task<TOut>> run)
    {
        var times = backends.Select(_ => new double[n]).ToArray();
        for (var i = 0; i < n; i++)
        {
            var x = input();
            for (var j = 0; j < backends.Count; j++)
            {
                var k = (i + j) % backends.Count;
                var sw = Stopwatch.StartNew();
                await run(backends[k], k, x);
                times[k][i] = sw.Elapsed.TotalMilliseconds;
            }
        }

        for (var k = 0; k < backends.Count; k++)
        {
            var t = times[k];
            Array.Sort(t);
            double P(double p) => t[Math.Min(n - 1, (int)(p * n))];
            Console.WriteLine($"{name} [{backends[k].Backend}]: p50 {P(0.50):F2} ms, p90 {P(0.90):F2} ms, p99 {P(0.99):F2} ms, max {t[^1]:F2} ms");
        }
    }
}
