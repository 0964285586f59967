using Microsoft.Extensions.Logging;

namespace ResearchBot.Core;

/// <summary>Core log events, EventIds 1000–1999.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Command /{Command} in {Channel} by {User} ({CorrelationId})", EventName = "CommandReceived")]
    public static partial void CommandReceived(ILogger logger, string command, string channel, string user, string correlationId);

    [LoggerMessage(1001, LogLevel.Error, "Command /{Command} failed ({CorrelationId})", EventName = "CommandFailed")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string command, string correlationId);

    [LoggerMessage(1002, LogLevel.Information, "Command /{Command} answered in {ElapsedMs} ms ({CorrelationId})", EventName = "CommandAnswered")]
    public static partial void CommandAnswered(ILogger logger, string command, long elapsedMs, string correlationId);

    [LoggerMessage(1003, LogLevel.Warning, "Command /{Command} timed out after {TimeoutSeconds} s ({CorrelationId})", EventName = "CommandTimedOut")]
    public static partial void CommandTimedOut(ILogger logger, string command, double timeoutSeconds, string correlationId);

    [LoggerMessage(1004, LogLevel.Information, "Command /{Command} refused: {Reason} ({CorrelationId})", EventName = "CommandRefused")]
    public static partial void CommandRefused(ILogger logger, string command, string reason, string correlationId);

    [LoggerMessage(1005, LogLevel.Debug, "Run {CorrelationId} deferred: it did not finish within the inline budget", EventName = "CommandDeferred")]
    public static partial void CommandDeferred(ILogger logger, string correlationId);

    [LoggerMessage(1006, LogLevel.Error, "Run {CorrelationId} failed outside the dispatcher", EventName = "RunFailed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string correlationId);

    [LoggerMessage(1007, LogLevel.Information, "Autocomplete for /{Command} {Parameter} missed its {BudgetMs} ms budget ({CorrelationId})", EventName = "CompletionTooSlow")]
    public static partial void CompletionTooSlow(ILogger logger, string command, string parameter, double budgetMs, string correlationId);

    [LoggerMessage(1008, LogLevel.Information, "Rejected an action payload of {Length} characters from {Channel} ({CorrelationId})", EventName = "ActionRejected")]
    public static partial void ActionRejected(ILogger logger, int length, string channel, string correlationId);

    [LoggerMessage(1100, LogLevel.Warning, "Skipped a record: {Reason}", EventName = "RecordSkipped")]
    public static partial void RecordSkipped(ILogger logger, string reason);

    [LoggerMessage(1101, LogLevel.Error, "Paper listener {Listener} failed; the papers are stored and it will catch up", EventName = "ListenerFailed")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, string listener);

    // Singleton jobs 1200–1219
    [LoggerMessage(1200, LogLevel.Information, "Took the lease of job {Job}: this process runs it now", EventName = "JobLeaseTaken")]
    public static partial void JobLeaseTaken(ILogger logger, string job);

    [LoggerMessage(1201, LogLevel.Information, "Job {Job} runs in another process; asking again every {PollSeconds} s", EventName = "JobLeaseHeldElsewhere")]
    public static partial void JobLeaseHeldElsewhere(ILogger logger, string job, double pollSeconds);

    [LoggerMessage(1202, LogLevel.Warning, "Lost the lease of job {Job} (database connection lost?): stopped its work; another process takes over, or this one when it gets the lease back", EventName = "JobLeaseLost")]
    public static partial void JobLeaseLost(ILogger logger, string job);

    [LoggerMessage(1203, LogLevel.Information, "Skipped job {Job}: another process is running it", EventName = "JobSkipped")]
    public static partial void JobSkipped(ILogger logger, string job);

    [LoggerMessage(1204, LogLevel.Warning, "Could not ask for the lease of job {Job}; trying again at the next poll", EventName = "JobLeaseFailed")]
    public static partial void JobLeaseFailed(ILogger logger, Exception exception, string job);
}
