using Microsoft.Extensions.Logging;

namespace ResearchBot.Similarity;

/// <summary>Similarity log events, EventIds 7000–7999.</summary>
internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Information, "Similarity index loaded: model v{Version}, {Papers} papers in {ElapsedMs} ms", EventName = "IndexLoaded")]
    public static partial void IndexLoaded(ILogger logger, int version, int papers, long elapsedMs);

    [LoggerMessage(7001, LogLevel.Information, "Fitted LSA model v{Version} ({Dimensions} dims, {Terms} terms) on {Sample} of {Papers} papers; projected all in {ElapsedMs} ms", EventName = "ModelFitted")]
    public static partial void ModelFitted(ILogger logger, int version, int dimensions, int terms, int sample, long papers, long elapsedMs);

    [LoggerMessage(7002, LogLevel.Information, "Projected {Count} papers missing from the similarity index", EventName = "CaughtUp")]
    public static partial void CaughtUp(ILogger logger, int count);

    [LoggerMessage(7003, LogLevel.Error, "Building the similarity index failed; /similar answers 'not ready' until the next attempt", EventName = "BuildFailed")]
    public static partial void BuildFailed(ILogger logger, Exception exception);

    [LoggerMessage(7004, LogLevel.Information, "The index grew from {FittedOn} to {Papers} papers; refitting the similarity model", EventName = "RefitStarted")]
    public static partial void RefitStarted(ILogger logger, long fittedOn, long papers);

    [LoggerMessage(7005, LogLevel.Warning, "Keyword fusion failed; answering from vectors only", EventName = "FusionFailed")]
    public static partial void FusionFailed(ILogger logger, Exception exception);
}
