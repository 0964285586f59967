using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Core.Storage;
using ResearchBot.Storage.Postgres;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Benchmarks;

/// <summary>
/// <c>storage sqlite PATH | storage postgres CONNECTIONSTRING [--queries Q] [--candidates K] [--search-only]</c>: the
/// storage side of <c>/search</c> and <c>/similar</c> on an existing index (the same import in both backends), as
/// percentiles: the keyword search (two passes as <c>/search</c> runs them, within a candidate budget of K,
/// <c>Storage:SearchCandidates</c>, its default unless given; 0 ranks every match), the id look-up and the neighbour
/// page load of <c>/similar</c> (its vector scan is in memory and the same on both backends), and the keyword "more
/// like this" baseline. <c>--search-only</c> times <c>/search</c> alone.
/// <para>
/// <c>storage sqlite PATH | storage postgres CONNECTIONSTRING --mrr FILE [--queries Q] [--budgets 0,10000,…]</c>: search
/// quality within each candidate budget. Imports the arXiv JSONL FILE (id, title, abstract, categories) into the
/// given, empty, index, then asks Q queries of 2–3 words drawn from one paper's title each and reports where that
/// paper ranks (MRR@10, hits@1, hits@10) and how many searches were over the budget, budget by budget.
/// </para>
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

        var queries = 500;
        int? candidates = null;
        var searchOnly = false;
        string? mrrFile = null;
        var budgets = new[] { 0, StorageOptions.DefaultSearchCandidates };
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--queries" when i + 1 < rest.Length:
                    queries = int.Parse(rest[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--candidates" when i + 1 < rest.Length:
                    candidates = int.Parse(rest[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--search-only":
                    searchOnly = true;
                    break;
                case "--mrr" when i + 1 < rest.Length:
                    mrrFile = rest[++i];
                    break;
                case "--budgets" when i + 1 < rest.Length:
                    budgets = [.. rest[++i].Split(',').Select(b => int.Parse(b, System.Globalization.CultureInfo.InvariantCulture))];
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {rest[i]}");
                    return 2;
            }
        }

        var opened = new List<(string Backend, ServiceProvider Provider, IPaperIndex Papers, IKeywordNeighbourSearch Keywords)>();
        try
        {
            foreach (var (name, t) in targets)
            {
                var settings = name == "postgres"
                    ? new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = t }
                    : new Dictionary<string, string?> { ["Storage:DatabasePath"] = t };
                settings["Storage:SeedDemoData"] = "false";
                if (candidates is { } k)
                {
                    settings["Storage:SearchCandidates"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
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

            if (mrrFile is not null)
            {
                foreach (var o in opened)
                {
                    await SearchQualityAsync(o.Backend, o.Provider, o.Papers, mrrFile, queries, budgets, ct);
                }

                return 0;
            }

            var counts = new List<long>();
            foreach (var o in opened)
            {
                counts.Add(await o.Papers.CountAsync(ct));
            }

            var budget = opened[0].Provider.GetRequiredService<IOptions<StorageOptions>>().Value.SearchCandidates;
            Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} backends={string.Join(",", opened.Select(o => o.Backend))} papers={string.Join(",", counts.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} queries={queries} search candidates={budget}");

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
            var partial = new int[opened.Count];
            await Report(opened, "/search (SearchAsync, limit 10)", queries, () => Query(), async (o, k, x) =>
            {
                var r = await o.Papers.SearchAsync(x, 10, ct);
                partial[k] += r.Partial is null ? 0 : 1;
                return r;
            });
            for (var k = 0; k < opened.Count; k++)
            {
                Console.WriteLine($"  [{opened[k].Backend}] searches over the candidate budget: {partial[k]} of {queries}");
            }

            if (searchOnly)
            {
                return 0;
            }

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

    /// <summary>
    /// MRR@10 of title-word queries within each candidate budget (see the class summary). The queries are the same for
    /// every budget and backend (seed 42); a budget of 0 ranks every match, as the search did before it had one.
    /// </summary>
    private static async Task SearchQualityAsync(string backend, ServiceProvider provider, IPaperIndex papers, string file, int queries, int[] budgets, CancellationToken ct)
    {
        var records = new List<PaperRecord>();
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.GetProperty("id").GetString() ?? "";
            records.Add(new PaperRecord
            {
                Title = root.GetProperty("title").GetString() ?? "",
                Abstract = root.TryGetProperty("abstract", out var a) ? a.GetString() : null,
                ArxivId = id.StartsWith("arXiv:", StringComparison.OrdinalIgnoreCase) ? id[6..] : id,
                Categories = root.TryGetProperty("categories", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Array
                    ? [.. c.EnumerateArray().Select(x => x.GetString() ?? "")]
                    : [],
                Source = "eval",
            });
        }

        var existing = await papers.CountAsync(ct);
        if (existing == 0)
        {
            var sw = Stopwatch.StartNew();
            foreach (var batch in records.Chunk(500))
            {
                await papers.UpsertAsync(batch, ct);
            }

            Console.WriteLine($"[{backend}] imported {records.Count:N0} records in {sw.Elapsed.TotalSeconds:F1} s");
        }

        var count = await papers.CountAsync(ct);
        var stop = new HashSet<string>(StringComparer.Ordinal) { "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or", "the", "to", "with", "we", "our", "this", "that", "via" };
        var random = new Random(42);
        var asked = new List<(string Query, string Id)>();
        while (asked.Count < queries)
        {
            var r = records[random.Next(records.Count)];
            var words = Core.Text.TextFold.Words(r.Title).Where(w => w.Length > 2 && !stop.Contains(w)).Distinct().ToArray();
            var n = random.Next(2) + 2;
            if (words.Length < n)
            {
                continue;
            }

            var pick = words.OrderBy(_ => random.Next()).Take(n);
            var paper = await papers.GetAsync(r.ArxivId!, ct);
            if (paper is not null)
            {
                asked.Add((string.Join(' ', pick), paper.Id));
            }
        }

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        Console.WriteLine($"[{backend}] papers={count:N0} queries={asked.Count} (2-3 words of one paper's title each; that paper's rank in the top 10)");
        foreach (var budget in budgets)
        {
            options.SearchCandidates = budget;
            double mrr = 0;
            int hit1 = 0, hit10 = 0, over = 0;
            var times = new List<double>();
            foreach (var (query, id) in asked)
            {
                var sw = Stopwatch.StartNew();
                var result = await papers.SearchAsync(query, 10, ct);
                times.Add(sw.Elapsed.TotalMilliseconds);
                over += result.Partial is null ? 0 : 1;
                var rank = result.Hits.Select(h => h.Paper.Id).ToList().IndexOf(id) + 1;
                if (rank > 0)
                {
                    mrr += 1.0 / rank;
                    hit1 += rank == 1 ? 1 : 0;
                    hit10++;
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"[{backend}] budget {budget,7} ({(budget == 0 ? "every match ranked: as before" : "candidates")}): MRR@10 {mrr / asked.Count:F4}, hits@1 {hit1}, hits@10 {hit10} of {asked.Count}; over budget {over}; p50 {times[times.Count / 2]:F2} ms"));
        }
    }
}
