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
        Assert.Contains("50%", screen, StringComparison.Ordinal);
        Assert.Contains("2,000 records", screen, StringComparison.Ordinal);
        Assert.Contains("/s", screen, StringComparison.Ordinal);
        Assert.Contains("skipped 1", screen, StringComparison.Ordinal);
        Assert.Contains("finishing: search index", screen, StringComparison.Ordinal);
        Assert.Contains("100%", screen, StringComparison.Ordinal);

        // A second round after the display ended starts a display of its own.
        using (var again = reporter.Start("eval: queries", "queries"))
        {
            again.Report(10, 1);
        }

        Assert.Contains("10 queries", console.Output, StringComparison.Ordinal);
    }
}
