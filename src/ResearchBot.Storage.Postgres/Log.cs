using Microsoft.Extensions.Logging;

namespace ResearchBot.Storage.Postgres;

/// <summary>PostgreSQL storage log events, EventIds 2500–2599.</summary>
internal static partial class Log
{
    // EventIds 2504, 2505, 2509, 2510 (alert percolators, like: backlog) moved with their code to Storage.Shared's Log (2600–2603): not reused.

    [LoggerMessage(2500, LogLevel.Information, "Applied PostgreSQL migration {Version} ({Name})", EventName = "PgMigrationApplied")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(2501, LogLevel.Information, "Upserted {Records} records: {Added} new, {Merged} merged, {Skipped} skipped", EventName = "PgBatchUpserted")]
    public static partial void BatchUpserted(ILogger logger, int records, int added, int merged, int skipped);

    [LoggerMessage(2502, LogLevel.Warning, "Finishing a bulk load that an earlier process left unfinished: {Step}", EventName = "PgPendingBulkLoadStep")]
    public static partial void PendingBulkLoadStep(ILogger logger, string step);

    [LoggerMessage(2503, LogLevel.Warning, "A bulk load could not be finished now; the next start finishes it", EventName = "PgBulkLoadLeftPending")]
    public static partial void BulkLoadLeftPending(ILogger logger, Exception exception);

    [LoggerMessage(2506, LogLevel.Information, "Took the lease of job {Job}", EventName = "JobLeaseTaken")]
    public static partial void JobLeaseTaken(ILogger logger, string job);

    [LoggerMessage(2507, LogLevel.Warning, "Lost the lease of job {Job}: its connection dropped", EventName = "JobLeaseLost")]
    public static partial void JobLeaseLost(ILogger logger, string job);

    [LoggerMessage(2508, LogLevel.Warning, "Listening for index changes failed; retrying", EventName = "PgListenFailed")]
    public static partial void ListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(2511, LogLevel.Information, "Another process stored similarity model {Kind} v{Version}; reloading it here", EventName = "PgModelAnnounced")]
    public static partial void ModelAnnounced(ILogger logger, string kind, int version);

    [LoggerMessage(2512, LogLevel.Warning, "A notification on {Channel} could not be handled: {Payload}", EventName = "PgNotificationFailed")]
    public static partial void NotificationFailed(ILogger logger, Exception exception, string channel, string payload);

    [LoggerMessage(2514, LogLevel.Warning, "The search filler of a bulk load stopped; the end of the load indexes the papers it did not reach", EventName = "PgSearchFillerStopped")]
    public static partial void SearchFillerStopped(ILogger logger, Exception exception);

    [LoggerMessage(2513, LogLevel.Debug, "Search matched over its budget of {Budget} candidates; the newest found by {Plan} (the first matches reached seq offset {Reach} of {Papers})", EventName = "PgSearchOverBudget")]
    public static partial void SearchOverBudget(ILogger logger, int budget, string plan, long reach, long papers);
}
