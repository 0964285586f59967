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
        var queries = rest is ["--queries", var q] ? int.Parse(q, System.Globalization.CultureInfo.InvariantCulture) : 500;
        var settings = backend == "postgres"
            ? new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = target }
            : new Dictionary<string, string?> { ["Storage:DatabasePath"] = target };
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (backend == "postgres")
        {
            services.AddPostgresStorage();
        }
        else
        {
            services.AddSqliteStorage().AddSqliteAlerts().AddSqliteSimilarity();
        }

        await using var provider = services.BuildServiceProvider();
        var papers = provider.GetRequiredService<IPaperIndex>();
        var keywords = provider.GetRequiredService<IKeywordNeighbourSearch>();
        var count = await papers.CountAsync(ct);
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} backend={backend} papers={count:N0} queries={queries}");

        // Query words and ids from a sample of the index itself (seq is dense after an import).
        var random = new Random(42);
        var sample = await papers.GetBySeqAsync([.. Enumerable.Range(0, 2000).Select(_ => (long)random.Next(1, (int)Math.Min(count, int.MaxValue)))], ct);
        var words = sample.SelectMany(p => Core.Text.TextFold.Words(p.Title)).Where(w => w.Length > 4).Distinct().ToArray();
        string Query() => random.Next(3) switch
        {
            0 => words[random.Next(words.Length)],
            1 => words[random.Next(words.Length)] + " " + words[random.Next(words.Length)],
            _ => words[random.Next(words.Length)] + " " + words[random.Next(words.Length)] + " " + words[random.Next(words.Length)],
        };

        for (var i = 0; i < 20; i++)
        {
            await papers.SearchAsync(Query(), 10, ct); // warm-up
        }

        await Report("/search (SearchAsync, limit 10)", queries, () => papers.SearchAsync(Query(), 10, ct));
        await Report("/similar: resolve the id (GetAsync)", queries, () => papers.GetAsync(sample[random.Next(sample.Count)].Id, ct));
        await Report("/similar: load 8 neighbours (GetBySeqAsync)", queries, () => papers.GetBySeqAsync([.. Enumerable.Range(0, 8).Select(_ => sample[random.Next(sample.Count)].Seq)], ct));
        await Report("/similar keyword baseline (SearchAnyAsync, 6 terms, limit 50)", queries, () => keywords.SearchAnyAsync([.. Enumerable.Range(0, 6).Select(_ => words[random.Next(words.Length)])], 50, false, ct));
        await Report("title resolution (FindByTitleAsync, exact title)", queries, () => papers.FindByTitleAsync(sample[random.Next(sample.Count)].Title, 5, ct));
        return 0;
    }

    private static async Task Report<T>(string name, int n, Func<Task<T>> run)
    {
        var times = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            await run();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        double P(double p) => times[Math.Min(n - 1, (int)(p * n))];
        Console.WriteLine($"{name}: p50 {P(0.50):F2} ms, p90 {P(0.90):F2} ms, p99 {P(0.99):F2} ms, max {times[^1]:F2} ms");
    }
}
