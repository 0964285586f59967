using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ResearchBot.TestKit;

namespace ResearchBot.Tests.Scale;

/// <summary>
/// Exactly-once alert delivery across processes (issue 16): three <c>researchbot</c> processes on one PostgreSQL
/// database deliver the alerts of 50 channels × 200 new papers to a fake Discord while one of them is killed
/// (SIGKILL) at random at least 10 times and restarted; every (channel, paper) must be posted exactly once.
/// Needs a PostgreSQL server (see <see cref="PostgresServer"/>); skipped without one, unless
/// <c>RESEARCHBOT_REQUIRE_POSTGRES=1</c>. <c>RESEARCHBOT_SCALE_PROVIDER=Sqlite</c> runs the same harness on one
/// SQLite file instead (a check of the harness itself; SQLite is not the multi-process backend).
/// </summary>
public sealed class MultiProcessAlertTests
{
    private const int Processes = 3;
    private const int Channels = 50;
    private const int Papers = 200;
    private const int MinKills = 10;

    [Fact]
    public async Task ThreeProcesses_OneKilledAtRandomTenTimes_PostEveryChannelPaperPairExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = Environment.GetEnvironmentVariable("RESEARCHBOT_SCALE_PROVIDER") is { Length: > 0 } p ? p : "Postgres";
        var storage = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            storage["Storage__Provider"] = "Postgres";
            storage["Storage__ConnectionString"] = await PostgresServer.RequireOrSkipAsync();
        }

        await using var discord = await FakeDiscordApi.StartAsync();
        discord.PostDelay = TimeSpan.FromMilliseconds(20); // a kill often lands between the post and its "sent" mark
        var signer = new DiscordRequestSigner();

        // Unique per run, so a database reused from an earlier run cannot satisfy or spoil the counts.
        var run = Guid.NewGuid().ToString("N")[..8];
        var word = "zq" + run;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next(16, 26):00}{Random.Shared.Next(1, 13):00}");
        var guild = Snowflake();
        var channels = Enumerable.Range(0, Channels).Select(_ => Snowflake()).ToList();
        var papers = Enumerable.Range(0, Papers).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}.9{i:0000}")).ToList();

        var environment = new Dictionary<string, string>(storage, StringComparer.Ordinal)
        {
            ["Storage__DatabasePath"] = Path.Combine(Path.GetTempPath(), $"rb-fleet-{run}.db"),
            ["Storage__SeedDemoData"] = "false",
            ["Discord__Token"] = "fake-token." + run,
            ["Discord__ApplicationId"] = "42",
            ["Discord__ApiBaseUrl"] = discord.ApiBase,
            ["Discord__Mode"] = "Http",
            ["Discord__PublicKey"] = signer.PublicKeyHex,
            ["Alerts__PollInterval"] = "00:00:00.200",
            ["Alerts__ChannelMinInterval"] = "00:00:00.300",
            ["Alerts__InterruptedAfter"] = "00:00:05",
            ["Alerts__RetryBaseDelay"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var fleet = new BotFleet(Processes, environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var migrate = await fleet.RunVerbAsync(TimeSpan.FromMinutes(3), "migrate");
            Assert.True(migrate.ExitCode == 0, "migrate failed: " + migrate.Output);
            for (var slot = 0; slot < Processes; slot++)
            {
                fleet.Start(slot);
            }

            for (var slot = 0; slot < Processes; slot++)
            {
                await fleet.WaitReadyAsync(slot, signer, http, TimeSpan.FromMinutes(2));
            }

            // One subscription per channel, each through some process's endpoint, as Discord would route them.
            for (var i = 0; i < Channels; i++)
            {
                var body = DiscordRequestSigner.SlashCommand("subscribe", guild, channels[i], new Dictionary<string, string> { ["query"] = word });
                using var response = await http.SendAsync(signer.SignedPost(fleet.InteractionsUri(i % Processes), body), ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                Assert.True(response.IsSuccessStatusCode, $"/subscribe in channel {i}: {(int)response.StatusCode} {answer}");
            }

            // 200 new papers, each matching every subscription: 10,000 (channel, paper) alerts.
            var file = Path.Combine(fleet.Directory, "papers.jsonl");
            await File.WriteAllLinesAsync(file, papers.Select((id, i) => PaperLine(id, i, word)), ct);
            var import = await fleet.RunVerbAsync(TimeSpan.FromMinutes(3), "import", file);
            Assert.True(import.ExitCode == 0, "import failed: " + import.Output);

            // Kill one process at random (SIGKILL) and restart it, at least 10 times, until every pair is posted.
            var pattern = new Regex(Regex.Escape(prefix) + @"\.9\d{4}", RegexOptions.CultureInvariant);
            var kills = 0;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(8);
            while (DateTime.UtcNow < deadline && (kills < MinKills || discord.PostsPerPair(pattern).Count < Channels * Papers))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(300, 2000)), ct);
                var victim = Random.Shared.Next(Processes);
                fleet.Kill(victim);
                kills++;
                fleet.Start(victim);

                // Wait for the restart to serve again, so every kill hits a working process, not one still starting.
                await fleet.WaitReadyAsync(victim, signer, http, TimeSpan.FromMinutes(2));
            }

            // Everyone alive for longer than InterruptedAfter: any send a kill interrupted is recovered (and must not repeat).
            for (var slot = 0; slot < Processes; slot++)
            {
                await fleet.WaitReadyAsync(slot, signer, http, TimeSpan.FromMinutes(2));
            }

            await Task.Delay(TimeSpan.FromSeconds(8), ct);

            var counts = discord.PostsPerPair(pattern);
            var expected = channels.SelectMany(c => papers.Select(paper => (c, paper))).ToList();
            var missing = expected.Where(pair => !counts.ContainsKey(pair)).ToList();
            var repeated = counts.Where(kv => kv.Value > 1).ToList();
            Assert.True(kills >= MinKills, $"only {kills} kills");
            Assert.True(missing.Count == 0 && repeated.Count == 0,
                $"{missing.Count} pairs never posted (e.g. {string.Join(", ", missing.Take(3))}); {repeated.Count} posted more than once "
                + $"(e.g. {string.Join(", ", repeated.Take(3).Select(kv => $"{kv.Key}×{kv.Value}"))}); {kills} kills, {discord.Messages.Count} messages, "
                + $"{discord.NonceRepeats} nonce repeats\n{fleet.LogTail()}");
            Assert.Equal(Channels * Papers, counts.Count);
            await fleet.DisposeAsync();
            Directory.Delete(fleet.Directory, recursive: true); // kept, with every process's log, when the test fails
        }
        finally
        {
            await fleet.DisposeAsync();
            if (environment.TryGetValue("Storage__DatabasePath", out var db))
            {
                foreach (var f in new[] { db, db + "-wal", db + "-shm" })
                {
                    File.Delete(f);
                }
            }
        }
    }

    private static string Snowflake() =>
        Random.Shared.NextInt64(100_000_000_000_000_000, 999_999_999_999_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>One arXiv-snapshot line (the import verb's format), published today: older papers are not announced to new subscriptions.</summary>
    private static string PaperLine(string id, int i, string word)
    {
        var today = DateTime.UtcNow.Date;
        var sb = new StringBuilder();
        sb.Append("{\"id\":\"").Append(id).Append("\",\"title\":\"Fleet paper ").Append(i.ToString(CultureInfo.InvariantCulture))
          .Append(" on resilient delivery ").Append(word).Append("\",\"abstract\":\"We study ").Append(word)
          .Append(" and exactly-once alerts across processes.\",\"authors\":\"Ada Lovelace, Alan Turing\",\"categories\":\"cs.DC\",")
          .Append("\"versions\":[{\"version\":\"v1\",\"created\":\"").Append(today.ToString("r", CultureInfo.InvariantCulture))
          .Append("\"}],\"update_date\":\"").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\"}");
        return sb.ToString();
    }
}
