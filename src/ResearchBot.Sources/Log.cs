using Microsoft.Extensions.Logging;

namespace ResearchBot.Sources;

/// <summary>Source log events, EventIds 6000–6999.</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Warning, "{Source}: {Failure} (attempt {Attempt}); retrying in {DelaySeconds:0.#} s", EventName = "SourceRetrying")]
    public static partial void SourceRetrying(ILogger logger, string source, string failure, int attempt, double delaySeconds);

    [LoggerMessage(6001, LogLevel.Error, "{Source}: giving up on {Url} after {Attempts} attempts ({Failure})", EventName = "SourceGaveUp")]
    public static partial void SourceGaveUp(ILogger logger, string source, string url, int attempts, string failure);

    [LoggerMessage(6002, LogLevel.Warning, "{Source}: skipped a bad record ({Reason})", EventName = "RecordSkipped")]
    public static partial void RecordSkipped(ILogger logger, string source, string reason);

    [LoggerMessage(6003, LogLevel.Error, "{Source}: the response could not be read ({Reason})", EventName = "ResponseMalformed")]
    public static partial void ResponseMalformed(ILogger logger, string source, string reason);

    [LoggerMessage(6004, LogLevel.Warning, "arXiv reported an error: {Message}", EventName = "ArxivError")]
    public static partial void ArxivError(ILogger logger, string message);

    [LoggerMessage(6010, LogLevel.Information, "Ingestion {Source}: {Records} records, {Added} new, {Merged} merged, {Skipped} skipped", EventName = "HarvestFinished")]
    public static partial void HarvestFinished(ILogger logger, string source, int records, int added, int merged, int skipped);

    [LoggerMessage(6011, LogLevel.Error, "Ingestion {Source} failed; it resumes from its last cursor next time", EventName = "HarvestFailed")]
    public static partial void HarvestFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(6012, LogLevel.Information, "Ingestion {Source}: next run at {Next:u}", EventName = "HarvestScheduled")]
    public static partial void HarvestScheduled(ILogger logger, string source, DateTimeOffset next);

    [LoggerMessage(6020, LogLevel.Warning, "OpenAlex look-up for {Author} failed; showing the index only", EventName = "OpenAlexFailed")]
    public static partial void OpenAlexFailed(ILogger logger, Exception exception, string author);

    [LoggerMessage(6021, LogLevel.Information, "OpenAlex: no profile for {Author} overlaps the index ({Candidates} namesakes)", EventName = "OpenAlexNoMatch")]
    public static partial void OpenAlexNoMatch(ILogger logger, string author, int candidates);

    [LoggerMessage(6030, LogLevel.Warning, "Import line {Line}: {Reason}", EventName = "ImportLineSkipped")]
    public static partial void ImportLineSkipped(ILogger logger, long line, string reason);
}
