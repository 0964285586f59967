using Microsoft.Extensions.Logging;

namespace ResearchBot.Storage.Sqlite;

/// <summary>Storage log events, EventIds 2000–2999.</summary>
internal static partial class Log
{
    // EventIds 2100–2103 (alert percolators, like: backlog) moved with their code to Storage.Shared's Log (2600–2603): not reused.

    [LoggerMessage(2000, LogLevel.Information, "Applied migration {Version} ({Name})", EventName = "MigrationApplied")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(2001, LogLevel.Information, "Upserted {Records} records: {Added} new, {Merged} merged, {Skipped} skipped", EventName = "BatchUpserted")]
    public static partial void BatchUpserted(ILogger logger, int records, int added, int merged, int skipped);

    [LoggerMessage(2002, LogLevel.Information, "Loaded the demo index: {Added} papers from {Records} records", EventName = "DemoSeeded")]
    public static partial void DemoSeeded(ILogger logger, int added, int records);

    [LoggerMessage(2003, LogLevel.Warning, "Finishing a bulk load that an earlier process left unfinished (this can take minutes): {Step}", EventName = "PendingBulkLoadStep")]
    public static partial void PendingBulkLoadStep(ILogger logger, string step);

    [LoggerMessage(2004, LogLevel.Warning, "A bulk load could not be finished now; the next start finishes it", EventName = "BulkLoadLeftPending")]
    public static partial void BulkLoadLeftPending(ILogger logger, Exception exception);
}
