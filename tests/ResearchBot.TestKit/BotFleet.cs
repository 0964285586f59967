using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ResearchBot.TestKit;

/// <summary>
/// Several real <c>researchbot run</c> processes on one database, each in Discord HTTP-interactions mode on its own
/// loopback port, talking to a <see cref="FakeDiscordApi"/>. Processes can be killed (SIGKILL, as <c>kill -9</c>) and
/// restarted on the same port; each one's output goes to a log file in <see cref="Directory"/>. Needs <c>researchbot.dll</c>
/// beside the calling assembly (reference <c>src/ResearchBot</c>).
/// </summary>
public sealed class BotFleet : IAsyncDisposable
{
    private readonly Process?[] _processes;
    private readonly int[] _ports;
    private readonly int[] _starts;

    public BotFleet(int size, IReadOnlyDictionary<string, string> environment)
    {
        _processes = new Process?[size];
        _ports = [.. Enumerable.Range(0, size).Select(_ => FreePort())];
        _starts = new int[size];
        Environment = environment;
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "rb-fleet-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyDictionary<string, string> Environment { get; }

    public int Size => _processes.Length;

    public Uri InteractionsUri(int slot) => new($"http://127.0.0.1:{_ports[slot]}/interactions");

    /// <summary>Runs a verb to completion (migrate, import) with the fleet's settings; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunVerbAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, port: null))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts (or restarts) the process in <paramref name="slot"/>.</summary>
    public void Start(int slot)
    {
        var start = StartInfo(["run"], _ports[slot]);
        var log = Path.Combine(Directory, $"bot-{slot}-{++_starts[slot]}.log");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data ?? "");
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data ?? "");
        process.Exited += (_, _) => Write(writer, null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[slot] = process;
    }

    /// <summary>SIGKILL, like <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill(int slot)
    {
        if (_processes[slot] is { } p)
        {
            try
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            p.Dispose();
            _processes[slot] = null;
        }
    }

    public bool IsRunning(int slot) => _processes[slot] is { HasExited: false };

    /// <summary>Waits until the slot's endpoint answers a signed PING (bounded).</summary>
    public async Task WaitReadyAsync(int slot, DiscordRequestSigner signer, HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning(slot))
            {
                throw new InvalidOperationException($"bot {slot} exited during start-up; see {Directory}");
            }

            try
            {
                using var response = await http.SendAsync(signer.SignedPost(InteractionsUri(slot), "{\"type\":1,\"id\":\"1\",\"application_id\":\"42\",\"token\":\"t\",\"version\":1}"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"bot {slot} did not answer a PING within {timeout}; see {Directory}");
    }

    /// <summary>The last lines of every log, for a failure message.</summary>
    public string LogTail(int lines = 15) => string.Join("\n", System.IO.Directory.GetFiles(Directory, "*.log").Order()
        .Select(f => $"== {Path.GetFileName(f)}\n" + string.Join("\n", File.ReadLines(f).TakeLast(lines))));

    private ProcessStartInfo StartInfo(IEnumerable<string> args, int? port)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "researchbot.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["RESEARCHBOT_SECRETS_DIR"] = Path.Combine(Directory, "no-secrets");
        foreach (var key in new[] { "Slack__BotToken", "Slack__AppToken" })
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in Environment)
        {
            psi.Environment[key] = value;
        }

        if (port is { } p)
        {
            psi.Environment["Discord__HttpUrl"] = $"http://127.0.0.1:{p}";
        }

        return psi;
    }

    private static void Write(StreamWriter writer, string? line)
    {
        lock (writer)
        {
            try
            {
                if (line is null)
                {
                    writer.WriteLine("== exited");
                }
                else
                {
                    writer.WriteLine(line);
                }
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        for (var i = 0; i < _processes.Length; i++)
        {
            Kill(i);
        }

        return ValueTask.CompletedTask;
    }
}
