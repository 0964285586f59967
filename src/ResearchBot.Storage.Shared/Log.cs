using Microsoft.Extensions.Logging;

namespace ResearchBot.Storage.Shared;

/// <summary>Log events of the storage code both backends share, EventIds 2600–2699.</summary>
internal static partial class Log
{
    [LoggerMessage(2600, LogLevel.Warning, "Alert subscription {Id} has a query that no longer parses and is skipped: {Error}", EventName = "SubscriptionUnparsable")]
    public static partial void SubscriptionUnparsable(ILogger logger, long id, string error);

    [LoggerMessage(2601, LogLevel.Information, "Alert percolator built over {Count} subscriptions (version {Version})", EventName = "PercolatorBuilt")]
    public static partial void PercolatorBuilt(ILogger logger, int count, long version);

    [LoggerMessage(2602, LogLevel.Information, "like: percolator built over {Count} subscriptions in space {Space} ({Refitted} refitted into it, {Waiting} waiting for a fit)", EventName = "LikePercolatorBuilt")]
    public static partial void LikePercolatorBuilt(ILogger logger, int count, string space, int refitted, int waiting);

    [LoggerMessage(2603, LogLevel.Information, "No engine can project papers yet: {Count} new papers wait in the like: backlog", EventName = "LikeBacklogged")]
    public static partial void LikeBacklogged(ILogger logger, int count);
}
