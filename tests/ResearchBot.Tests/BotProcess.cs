using System.Diagnostics;

namespace ResearchBot.Tests;

/// <summary>Runs the real <c>researchbot</c> executable (the built researchbot.dll) on a temporary database.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rb-e2e-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_dir, "db", "researchbot.db");

    public string WorkingDirectory => _dir;

    /// <summary>Extra environment variables for the process (settings such as <c>Storage__BusyTimeout</c>).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        Directory.CreateDirectory(_dir);
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "researchbot.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["Storage__DatabasePath"] = DatabasePath;
        psi.Environment["ConsoleChat__ChartDirectory"] = Path.Combine(_dir, "charts");
        psi.Environment["RESEARCHBOT_SECRETS_DIR"] = Path.Combine(_dir, "no-secrets");
        foreach (var key in new[] { "Discord__Token", "Slack__BotToken", "Slack__AppToken" })
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in Environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
