using Microsoft.Extensions.Logging;

namespace ResearchBot.Hosting;

/// <summary>Executable log events, EventIds 5000–5999.</summary>
internal static partial class HostLog
{
    [LoggerMessage(5000, LogLevel.Information, "Loaded {Added} demo papers into the empty index at {Path}", EventName = "DemoLoaded")]
    public static partial void DemoLoaded(ILogger logger, int added, string path);

    [LoggerMessage(5001, LogLevel.Warning, "Skipped demo line {Line}: {Reason}", EventName = "DemoLineSkipped")]
    public static partial void DemoLineSkipped(ILogger logger, int line, string reason);

    [LoggerMessage(5002, LogLevel.Warning, "Demo profile metrics for {Name} match no author in the index", EventName = "DemoProfileUnmatched")]
    public static partial void DemoProfileUnmatched(ILogger logger, string name);

    [LoggerMessage(5003, LogLevel.Information, "Console chat ready on channel {Channel}", EventName = "ConsoleChatStarted")]
    public static partial void ConsoleChatStarted(ILogger logger, string channel);

    [LoggerMessage(5010, LogLevel.Information, "Status listener on {Address}: /healthz, /readyz, /metrics", EventName = "StatusListening")]
    public static partial void StatusListening(ILogger logger, string address);
}
