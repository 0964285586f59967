using System.Diagnostics;
using System.Globalization;
using ResearchBot.TestKit;

// Commands per second at p99 < 1 s in Discord HTTP-interactions mode, with N researchbot processes on one database.
// Plays Discord as the client: signed /search and /help interactions (both answered inline, callback type 4), sent
// open-loop at a fixed rate, round-robin over the processes (a load balancer's job), for a few seconds per rate; the
// rate doubles (then bisects) until p99 passes 1 s or a request fails. Prints one line per step.
//
//   dotnet run -c Release --project bench/ResearchBot.Scale.Bench -- --processes 1 [--seconds 10] [--start 20] [--max 2000] [--provider Sqlite|Postgres] [--cooldown 20]
// After a step over the limit the bench waits --cooldown seconds before the next one, so a backlog drains first.
var invariant = CultureInfo.InvariantCulture;
var processes = Arg("--processes", 1);
var seconds = Arg("--seconds", 10);
var startRate = Arg("--start", 20);
var maxRate = Arg("--max", 2000);
var provider = ArgText("--provider", "Sqlite");
var cooldownSeconds = Arg("--cooldown", 20);

var signer = new DiscordRequestSigner();
await using var discord = await FakeDiscordApi.StartAsync();
var dir = Path.Combine(Path.GetTempPath(), "rb-scale-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dir);
var env = new Dictionary<string, string>
{
    ["Storage__DatabasePath"] = Path.Combine(dir, "researchbot.db"),
    ["Discord__Token"] = "bench-token.x",
    ["Discord__ApplicationId"] = "42",
    ["Discord__ApiBaseUrl"] = discord.ApiBase,
    ["Discord__Mode"] = "Http",
    ["Discord__PublicKey"] = signer.PublicKeyHex,
    ["Logging__LogLevel__Default"] = "Warning",
    ["DOTNET_gcServer"] = "0",
};
if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
{
    env["Storage__Provider"] = "Postgres";
    env["Storage__ConnectionString"] = Environment.GetEnvironmentVariable("RESEARCHBOT_TEST_POSTGRES") ?? throw new InvalidOperationException("set RESEARCHBOT_TEST_POSTGRES");
}

await using var fleet = new BotFleet(processes, env);
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
var migrate = await fleet.RunVerbAsync(TimeSpan.FromMinutes(5), "migrate");
if (migrate.ExitCode != 0)
{
    Console.Error.WriteLine("migrate failed: " + migrate.Output);
    return 1;
}

for (var i = 0; i < processes; i++)
{
    fleet.Start(i);
}

for (var i = 0; i < processes; i++)
{
    await fleet.WaitReadyAsync(i, signer, http, TimeSpan.FromMinutes(3));
}

Console.WriteLine($"scale bench: {processes} process(es), provider {provider}, {seconds} s per step, commands: /search (demo index) and /help, round-robin");
Console.WriteLine($"machine: {Environment.ProcessorCount} CPUs; load before: {Uptime()}");

// Warm-up: JIT and caches in every process.
await StepAsync(Math.Min(startRate, 20), 3);

var best = 0;
var lo = 0;
var hi = 0;
var rate = startRate;
while (rate <= maxRate)
{
    var ok = await StepAsync(rate, seconds);
    if (ok)
    {
        best = rate;
        lo = rate;
        if (hi == 0)
        {
            rate *= 2;
            continue;
        }
    }
    else
    {
        hi = rate;
        // An overloaded step leaves a backlog in the processes (and timed-out connections in the client): let it
        // drain, or the next, lower rate is measured against the last one's leftovers.
        await Task.Delay(TimeSpan.FromSeconds(cooldownSeconds));
    }

    if (hi == 0 || hi - lo <= Math.Max(5, lo / 10))
    {
        break;
    }

    rate = (lo + hi) / 2;
}

Console.WriteLine($"RESULT processes={processes} max_commands_per_second_at_p99_under_1s={best}");
Console.WriteLine($"load after: {Uptime()}");
return 0;

async Task<bool> StepAsync(int perSecond, int duration)
{
    var total = perSecond * duration;
    var latencies = new double[total];
    var failures = 0;
    var tasks = new List<Task>(total);
    var clock = Stopwatch.StartNew();
    for (var n = 0; n < total; n++)
    {
        // Open loop: request n goes at n / rate seconds whatever happened to the earlier ones.
        var due = TimeSpan.FromSeconds((double)n / perSecond);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }

        var index = n;
        tasks.Add(Task.Run(async () =>
        {
            var body = index % 4 == 3
                ? DiscordRequestSigner.SlashCommand("help", "290926798626357999", "645027906669510667", new Dictionary<string, string>())
                : DiscordRequestSigner.SlashCommand("search", "290926798626357999", "645027906669510667", new Dictionary<string, string> { ["query"] = Queries[index % Queries.Length] });
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(signer.SignedPost(fleet.InteractionsUri(index % processes), body));
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !text.Contains("\"type\":4", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failures);
            }

            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }));
    }

    await Task.WhenAll(tasks);
    var achieved = total / clock.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
    var ok = failures == 0 && P(0.99) < 1000;
    Console.WriteLine(string.Create(invariant, $"rate {perSecond,5}/s  sent {total,6}  achieved {achieved,7:F1}/s  p50 {P(0.50),7:F1} ms  p90 {P(0.90),7:F1} ms  p99 {P(0.99),7:F1} ms  max {latencies[^1],7:F1} ms  failures {failures}  {(ok ? "ok" : "OVER")}"));
    return ok;
}

int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], invariant) : fallback;

string ArgText(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

static string Uptime()
{
    try
    {
        return File.ReadAllText("/proc/loadavg").Trim();
    }
    catch (IOException)
    {
        return "?";
    }
}

internal static partial class Program
{
    private static readonly string[] Queries = ["neural", "spiking neural networks", "connectome", "learning", "brain", "causal inference", "deep learning", "neurons"];
}
