using ResearchBot.Core.Progress;
using Spectre.Console;

namespace ResearchBot.Progress;

/// <summary>The one place that decides how long work shows its progress: a live bar or plain lines, on stderr.</summary>
internal static class ProgressDisplay
{
    /// <summary>
    /// Bars when stderr is a terminal; plain periodic lines (no <c>\r</c>) when it is redirected to a file or a pipe, or
    /// when the terminal says it cannot move the cursor (<c>TERM=dumb</c>).
    /// </summary>
    public static IProgressReporter ForStandardError(TimeProvider timeProvider) =>
        IsTerminal(Console.IsErrorRedirected, Environment.GetEnvironmentVariable("TERM"))
            ? new TerminalProgressReporter(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }), timeProvider)
            : new LineProgressReporter(Console.Error, timeProvider, LineProgressReporter.DefaultInterval);

    public static bool IsTerminal(bool redirected, string? term) => !redirected && !string.Equals(term, "dumb", StringComparison.Ordinal);
}
