using System.Diagnostics;

namespace ResearchBot.Discord.Tests.Interop;

/// <summary>Runs the node counterpart scripts in tests/interop/discord (skips when node_modules is absent, unless CI requires it).</summary>
public static class NodeInterop
{
    public static string InteropDir => Path.Combine(Fakes.Fixture.RepoRoot(), "tests", "interop");

    public static void RequireNodeModules()
    {
        if (Directory.Exists(Path.Combine(InteropDir, "node_modules")))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("RESEARCHBOT_REQUIRE_INTEROP") == "1")
        {
            Assert.Fail("tests/interop/node_modules is missing but RESEARCHBOT_REQUIRE_INTEROP=1: run npm ci in tests/interop");
        }

        Assert.Skip("run npm ci in tests/interop");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] args)
    {
        RequireNodeModules();
        var start = new ProcessStartInfo("node") { WorkingDirectory = InteropDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine("discord", script));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public static string NewDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "researchbot-discord-interop-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
