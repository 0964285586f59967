using Microsoft.Extensions.Logging;

namespace ResearchBot.Charts;

/// <summary>Chart log events, EventIds 9000–9099.</summary>
internal static partial class Log
{
    [LoggerMessage(9000, LogLevel.Error, "Drawing the chart for author {AuthorId} failed; the reply goes out without it", EventName = "ChartFailed")]
    public static partial void ChartFailed(ILogger logger, Exception exception, long authorId);
}
