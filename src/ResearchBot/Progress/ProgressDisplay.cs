using ResearchBot.Core.Progress;
using Spectre.Console;

namespace ResearchBot.Progress;

/// <summary>The one place that decides how long work shows its progress: a live bar or plain lines, on stderr.</summary>
internal static class ProgressDisplay
{
    /// <summary>
    /// Bars when stderr is a terminal; plain periodic lines (no <c>\r</c>) when it is redirected to a file or a pipe, or
    /// when the terminal says it cannot move the cursor (<c>TERM=dumb</c>). Whether stdout is redirected does not matter:
    /// <c>import big.zip > summary.txt</c> still draws its bar.
    /// </summary>
    /// <param name="bars">False to keep to plain lines even on a terminal (the bot, whose console chat shares it).</param>
    public static IProgressReporter ForStandardError(TimeProvider timeProvider, bool bars = true) =>
        bars && IsTerminal(Console.IsErrorRedirected, Environment.GetEnvironmentVariable("TERM"))
            ? new TerminalProgressReporter(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes }), timeProvider)
            : new LineProgressReporter(Console.Error, timeProvider, LineProgressReporter.DefaultInterval);

    public static bool IsTerminal(bool redirected, string? term) => !redirected && !string.Equals(term, "dumb", StringComparison.Ordinal);
}
