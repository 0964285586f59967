using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Progress;
using ResearchBot.Progress;

namespace ResearchBot.Tests.Progress;

public sealed class LineProgressReporterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _log = new();

    private LineProgressReporter NewReporter() => new(_log, _time, TimeSpan.FromSeconds(5));

    [Fact]
    public void Report_WritesAPlainLineAtMostEveryInterval_AndOneAtTheEnd()
    {
        using (var step = NewReporter().Start("import", "records"))
        {
            step.Report(1_000, 0.1, "skipped 0");
            _time.Advance(TimeSpan.FromSeconds(4));
            step.Report(4_000, 0.2, "skipped 0");
            Assert.Equal("", _log.ToString()); // under the interval: nothing yet

            _time.Advance(TimeSpan.FromSeconds(1));
            step.Report(5_000, 0.25, "skipped 2");
            _time.Advance(TimeSpan.FromSeconds(1));
            step.Report(6_000, 0.3, "skipped 2");
            _time.Advance(TimeSpan.FromSeconds(9));
            step.Report(15_000, 1, "skipped 3");
        }

        var lines = _log.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(
        [
            "import: 25.0%  5,000 records  1,000/s  ETA 00:00:15  skipped 2",
            "import: 100.0%  15,000 records  1,000/s  skipped 3",
            "import: 100.0%  15,000 records  1,000/s  skipped 3  00:00:15 elapsed",
        ], lines);
    }

    [Fact]
    public void Output_HasNoCarriageReturnOrEscapeCode()
    {
        var reporter = NewReporter();
        using (var step = reporter.Start("ingest arxiv", "records"))
        {
            for (var i = 1; i <= 20; i++)
            {
                _time.Advance(TimeSpan.FromSeconds(3));
                step.Report(i * 100, note: "1 new");
            }
        }

        using (var finishing = reporter.Start("finishing: search index", unit: null))
        {
            _time.Advance(TimeSpan.FromSeconds(6));
            finishing.Report(0, 0.5);
        }

        var text = _log.ToString();
        Assert.True(text.Split('\n').Length > 10, text);
        Assert.DoesNotContain('\r', text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("finishing: search index: 50.0%  ETA 00:00:06", text, StringComparison.Ordinal);
        Assert.EndsWith("finishing: search index: 50.0%  00:00:06 elapsed", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_Twice_WritesTheEndOnce_AndLaterReportsAreIgnored()
    {
        var step = NewReporter().Start("eval: queries", "queries");
        step.Report(3, 0.5);
        step.Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));
        step.Report(6, 1);
        step.Dispose();

        Assert.Single(_log.ToString().Trim().Split('\n'));
    }

    [Fact]
    public void Host_ShowsProgress_TheFeaturesNullReporterDoesNotWin()
    {
        using var host = ResearchBot.Hosting.ResearchBotHost.Build("import", []);

        var reporter = host.Services.GetRequiredService<IProgressReporter>();

        Assert.True(reporter is LineProgressReporter or TerminalProgressReporter, reporter.GetType().Name);
    }

    [Theory]
    [InlineData(false, "xterm-256color", true)]
    [InlineData(false, null, true)]
    [InlineData(true, "xterm-256color", false)]
    [InlineData(false, "dumb", false)]
    public void IsTerminal_OnlyWhenStderrIsNotRedirectedAndCanMoveTheCursor(bool redirected, string? term, bool expected)
    {
        Assert.Equal(expected, ProgressDisplay.IsTerminal(redirected, term));
    }
}
