using Microsoft.Extensions.Logging;

namespace ResearchBot.Storage.Sqlite;

/// <summary>Storage log events, EventIds 2000–2999.</summary>
internal static partial class Log
{
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

    [LoggerMessage(2100, LogLevel.Warning, "Alert subscription {Id} has a query that no longer parses and is skipped: {Error}", EventName = "SubscriptionUnparsable")]
    public static partial void SubscriptionUnparsable(ILogger logger, long id, string error);

    [LoggerMessage(2101, LogLevel.Information, "Alert percolator built over {Count} subscriptions (version {Version})", EventName = "PercolatorBuilt")]
    public static partial void PercolatorBuilt(ILogger logger, int count, long version);

    [LoggerMessage(2102, LogLevel.Information, "like: percolator built over {Count} subscriptions in space {Space} ({Refitted} refitted into it, {Waiting} waiting for a fit)", EventName = "LikePercolatorBuilt")]
    public static partial void LikePercolatorBuilt(ILogger logger, int count, string space, int refitted, int waiting);

    [LoggerMessage(2103, LogLevel.Information, "No engine can project papers yet: {Count} new papers wait in the like: backlog", EventName = "LikeBacklogged")]
    public static partial void LikeBacklogged(ILogger logger, int count);
}
