using System.Diagnostics;
using ResearchBot.Core.Alerts;

namespace ResearchBot.Alerts.Tests.Crash;

/// <summary>
/// Kills a child process that imports papers and delivers alerts at random moments, many times, then lets it finish,
/// and checks what reached the sink. Not timed: the durations only bound how long the test runs.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Papers = 1200;
    private const int Batch = 20;
    private const int LatencyMs = 4;

    [Fact]
    public async Task KilledRepeatedly_IdempotentPlatform_DeliversEveryPairExactlyOnce()
    {
        using var work = new CrashWorkload(Papers, seed: 7);
        await work.CreateSubscriptionsAsync();

        var kills = await KillRepeatedlyAsync(work, "idempotent", TimeSpan.FromSeconds(24), seed: 11);
        await RunToCompletionAsync(work, "idempotent");

        var expected = await work.ExpectedPairsAsync();
        var delivered = work.DeliveredPairs();
        Assert.True(expected.Count > 500, $"the workload should produce many alerts, got {expected.Count}");
        Assert.True(kills >= 5, $"the test should have killed the child several times, got {kills}");
        var missing = expected.Where(p => !delivered.ContainsKey(p)).ToList();
        var wrong = delivered.Where(d => d.Value != 1 || !expected.Contains(d.Key)).ToList();
        Assert.Empty(missing);
        Assert.Empty(wrong);
        Assert.Empty(work.PairsInState(AlertDeliveryState.Uncertain));
        Assert.Empty(work.PairsInState(AlertDeliveryState.Pending));
        output.WriteLine($"{kills} kills, {expected.Count} pairs delivered once each, {work.DroppedRepeats} interrupted messages re-sent under their key and dropped by the sink");
    }

    [Fact]
    public async Task KilledRepeatedly_PlatformWithoutKeys_NeverDeliversTwiceAndAccountsForEveryPair()
    {
        using var work = new CrashWorkload(Papers / 2, seed: 8);
        await work.CreateSubscriptionsAsync();

        var kills = await KillRepeatedlyAsync(work, "plain", TimeSpan.FromSeconds(12), seed: 12);
        await RunToCompletionAsync(work, "plain");

        var expected = await work.ExpectedPairsAsync();
        var delivered = work.DeliveredPairs();
        var uncertain = work.PairsInState(AlertDeliveryState.Uncertain);
        Assert.True(kills >= 3, $"the test should have killed the child several times, got {kills}");
        var wrong = delivered.Where(d => d.Value != 1 || !expected.Contains(d.Key)).ToList();
        // A pair not in the sink was cut off mid-send and is recorded as Uncertain, never silently dropped.
        var unaccounted = expected.Where(p => !delivered.ContainsKey(p) && !uncertain.Contains(p)).ToList();
        Assert.Empty(wrong);
        Assert.Empty(unaccounted);
        Assert.True(uncertain.Count <= kills * 10, $"{uncertain.Count} uncertain pairs after {kills} kills");
        output.WriteLine($"{kills} kills, {expected.Count} pairs, {uncertain.Count} uncertain");
    }

    private async Task<int> KillRepeatedlyAsync(CrashWorkload work, string mode, TimeSpan budget, int seed)
    {
        var rng = new Random(seed);
        var clock = Stopwatch.StartNew();
        var kills = 0;
        while (clock.Elapsed < budget)
        {
            using var child = work.Start(mode, Batch, LatencyMs);
            var delay = rng.Next(150, 1200);
            using var timeout = new CancellationTokenSource(delay);
            try
            {
                await child.WaitForExitAsync(timeout.Token);
                Assert.True(child.ExitCode == 0, await child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
                break; // all imported and delivered before this kill came
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(TestContext.Current.CancellationToken);
                kills++;
            }
        }

        output.WriteLine($"{mode}: {kills} kills in {clock.Elapsed.TotalSeconds:0.0} s");
        return kills;
    }

    private static async Task RunToCompletionAsync(CrashWorkload work, string mode)
    {
        using var child = work.Start(mode, Batch, LatencyMs);
        var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(child.ExitCode == 0, await stderr);
        Assert.Contains("done", await stdout, StringComparison.Ordinal);
    }
}
