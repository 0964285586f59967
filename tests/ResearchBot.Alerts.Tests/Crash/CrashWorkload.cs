using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;

namespace ResearchBot.Alerts.Tests.Crash;

/// <summary>A database with subscriptions, a JSON-lines file of papers, and a way to run the crash host on them.</summary>
internal sealed class CrashWorkload : IDisposable
{
    public static readonly (ChannelAddress Channel, string Query)[] Subscriptions =
    [
        (new("test", "w1", "general"), "diffusion"),
        (new("test", "w1", "general"), "robot OR drone"),
        (new("test", "w1", "people"), "author:\"Wei Yu\""),
        (new("test", "w2", "general"), "diffusion -survey"),
        (new("test", "w2", "graphs"), "graph cat:cs.*"),
        (new("test", "w2", "everything"), "cat:cs.* OR cat:stat.*"),
    ];

    private static readonly string[] Topics = ["diffusion", "robot", "drone", "graph", "survey", "protein", "audio", "quantum"];
    private static readonly string[] People = ["Wei Yu", "Yujia Li", "Ada Lovelace", "Konrad Kording"];
    private static readonly string[] Cats = ["cs.LG", "cs.RO", "stat.ML", "q-bio.NC", "quant-ph"];

    public CrashWorkload(int papers, int seed)
    {
        Dir = Path.Combine(Path.GetTempPath(), "rb-crash-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Dir);
        var rng = new Random(seed);
        var lines = new List<string>();
        var first = new List<Dictionary<string, object>>();
        for (var i = 1; i <= papers; i++)
        {
            var title = $"{Topics[rng.Next(Topics.Length)]} and {Topics[rng.Next(Topics.Length)]} study {i}";
            first.Add(Record($"2603.{i:D5}", title, rng));
            lines.Add(JsonSerializer.Serialize(first[^1]));
            if (i % 7 == 0)
            {
                // A second version of an earlier paper (same metadata, so "what should match" is unambiguous): never a second alert.
                var again = new Dictionary<string, object>(first[i - 4]) { ["arxiv_id"] = $"2603.{i - 3:D5}v2" };
                lines.Add(JsonSerializer.Serialize(again));
            }
        }

        File.WriteAllLines(PapersFile, lines);
    }

    public string Dir { get; }
    public string Db => Path.Combine(Dir, "crash.db");
    public string PapersFile => Path.Combine(Dir, "papers.jsonl");
    public string Sink => Path.Combine(Dir, "sink.txt");

    public async Task CreateSubscriptionsAsync()
    {
        await using var provider = Services();
        var store = provider.GetRequiredService<IAlertStore>();
        foreach (var (channel, query) in Subscriptions)
        {
            await store.AddAsync(new NewAlertSubscription(channel, query, AlertMode.Instant, new TimeOnly(9, 0), "UTC", "tester"), CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Every (channel, paper id) the subscriptions should announce, computed from the papers that ended up in the index.</summary>
    public async Task<HashSet<(string Channel, string Paper)>> ExpectedPairsAsync()
    {
        await using var provider = Services();
        var index = provider.GetRequiredService<IPaperIndex>();
        var queries = Subscriptions.Select(s => (s.Channel, Query: AlertQueryParser.Parse(s.Query).Query!)).ToList();
        var expected = new HashSet<(string, string)>();
        await foreach (var paper in index.StreamAllAsync(CancellationToken.None))
        {
            var features = new PaperFeatures(paper);
            foreach (var (channel, query) in queries.Where(q => q.Query.Matches(features)))
            {
                expected.Add((channel.ToString(), paper.Id));
            }
        }

        SqliteConnection.ClearAllPools();
        return expected;
    }

    /// <summary>(channel, paper id) pairs as the outbox records them in a given state.</summary>
    public HashSet<(string Channel, string Paper)> PairsInState(AlertDeliveryState state)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        var rows = connection.Query<(string Platform, string Workspace, string Channel, string Id)>(
            "SELECT o.platform, o.workspace, o.channel, p.id FROM alert_outbox o JOIN papers p ON p.seq = o.paper_seq WHERE o.state = @state",
            new { state = (int)state });
        return [.. rows.Select(r => (new ChannelAddress(r.Platform, r.Workspace, r.Channel).ToString(), r.Id))];
    }

    /// <summary>Each delivered (channel, paper id) pair with how many times the sink got it.</summary>
    /// <summary>Posts the idempotent sink dropped because their key had already been posted (resends after a kill).</summary>
    public int DroppedRepeats => File.Exists(Sink + ".dedup") ? File.ReadAllLines(Sink + ".dedup").Length : 0;

    public Dictionary<(string Channel, string Paper), int> DeliveredPairs()
    {
        var counts = new Dictionary<(string, string), int>();
        if (!File.Exists(Sink))
        {
            return counts;
        }

        foreach (var line in File.ReadLines(Sink).Where(l => l.Length > 0))
        {
            var parts = line.Split('\t');
            foreach (var id in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                counts[(parts[1], id)] = counts.GetValueOrDefault((parts[1], id)) + 1;
            }
        }

        return counts;
    }

    public Process Start(string mode, int batch, int latencyMs)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ResearchBot.Alerts.CrashHost.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, Db, PapersFile, Sink, mode, batch.ToString(System.Globalization.CultureInfo.InvariantCulture), latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ServiceProvider Services()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Db,
            ["Storage:SeedDemoData"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddResearchBotCore();
        services.AddSqliteStorage().AddSqliteAlerts();
        services.AddAlerts(config);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, object> Record(string id, string title, Random rng) => new()
    {
        ["arxiv_id"] = id,
        ["title"] = title,
        ["abstract"] = $"We look at {Topics[rng.Next(Topics.Length)]} with {Topics[rng.Next(Topics.Length)]}.",
        ["authors"] = new[] { People[rng.Next(People.Length)], People[rng.Next(People.Length)] },
        ["categories"] = new[] { Cats[rng.Next(Cats.Length)] },
        ["published"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), // new papers: older ones are not announced
    };
}
