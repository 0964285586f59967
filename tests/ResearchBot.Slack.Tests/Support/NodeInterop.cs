using System.Diagnostics;

namespace ResearchBot.Slack.Tests.Support;

/// <summary>
/// Runs the node counterpart scripts in tests/interop/slack. Skips when node_modules is missing, unless CI set
/// RESEARCHBOT_REQUIRE_INTEROP=1, in which case that is a failure.
/// </summary>
internal static class NodeInterop
{
    public static string InteropDir => Path.Combine(Fixture.RepoRoot(), "tests", "interop");

    public static void RequireOrSkip()
    {
        var required = Environment.GetEnvironmentVariable("RESEARCHBOT_REQUIRE_INTEROP") == "1";
        if (!Directory.Exists(Path.Combine(InteropDir, "node_modules", "@slack")))
        {
            if (required)
            {
                Assert.Fail("RESEARCHBOT_REQUIRE_INTEROP=1 but tests/interop/node_modules is missing: run npm ci in tests/interop");
            }

            Assert.Skip("run npm ci in tests/interop");
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(InteropDir, "slack", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
