using ResearchBot.Progress;
using Spectre.Console.Testing;

namespace ResearchBot.Tests.Progress;

public sealed class TerminalProgressReporterTests
{
    [Fact]
    public void Steps_DrawABarWithPercentageCountRateAndNote_AndEndWhenTheLastStepEnds()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Width = 160;
        var reporter = new TerminalProgressReporter(console, TimeProvider.System);

        using (var import = reporter.Start("import", "records"))
        {
            import.Report(2_000, 0.5, "skipped 1");
            using var finishing = reporter.Start("finishing: search index", unit: null);
            finishing.Report(0, 1);
        }

        var screen = console.Output;
        Assert.Contains("import", screen, StringComparison.Ordinal);
        Assert.Contains("50.0%", screen, StringComparison.Ordinal);
        Assert.Contains("2,000 records", screen, StringComparison.Ordinal);
        Assert.Contains("/s", screen, StringComparison.Ordinal);
        Assert.Contains("skipped 1", screen, StringComparison.Ordinal);
        Assert.Contains("finishing: search index", screen, StringComparison.Ordinal);
        Assert.Contains("100.0%", screen, StringComparison.Ordinal);

        // A second round after the display ended starts a display of its own; a step whose share is unknown shows no percentage.
        using (var again = reporter.Start("similarity index: fitting", "papers read"))
        {
            again.Report(10);
        }

        var fitting = console.Output[screen.Length..].Split('\n').Last(l => l.Contains("fitting", StringComparison.Ordinal));
        Assert.Contains("10 papers read", fitting, StringComparison.Ordinal);
        Assert.DoesNotContain("%", fitting, StringComparison.Ordinal);
    }
}
