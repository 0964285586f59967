using System.Diagnostics;

namespace ResearchBot.TestKit;

/// <summary>
/// Runs a node counterpart script from <c>tests/interop/AREA</c>. Checks skip when the pinned packages are not
/// installed, unless <c>RESEARCHBOT_REQUIRE_INTEROP=1</c> (CI), where a missing install is a failure.
/// </summary>
public sealed class NodeInterop(string area)
{
    public const string RequireVariable = "RESEARCHBOT_REQUIRE_INTEROP";

    public static string InteropDir => Path.Combine(Repository.Root(), "tests", "interop");

    public string AreaDir => Path.Combine(InteropDir, area);

    /// <summary>Skips (or, in CI, fails) the calling test when <c>tests/interop/node_modules</c> is missing.</summary>
    public static void RequireOrSkip()
    {
        if (Directory.Exists(Path.Combine(InteropDir, "node_modules")))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but tests/interop/node_modules is missing: run npm ci in tests/interop");
        }

        Assert.Skip("run npm ci in tests/interop");
    }

    /// <summary>Runs <c>node AREA/SCRIPT ARGS…</c> in tests/interop; returns the exit code and everything it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] args)
    {
        RequireOrSkip();
        var start = new ProcessStartInfo("node") { WorkingDirectory = InteropDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AreaDir, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var token = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A fresh temporary folder for bodies a test hands to a script.</summary>
    public static string NewDirectory(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"researchbot-{prefix}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
