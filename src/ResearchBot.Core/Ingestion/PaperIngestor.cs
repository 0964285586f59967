using Microsoft.Extensions.Logging;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Ingestion;

/// <inheritdoc cref="IPaperIngestor"/>
public sealed class PaperIngestor(IPaperIndex index, IEnumerable<IPaperAddedListener> listeners, ILogger<PaperIngestor> logger) : IPaperIngestor
{
    public async Task<PaperUpsertResult> IngestAsync(IReadOnlyList<PaperRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return PaperUpsertResult.Empty;
        }

        var result = await index.UpsertAsync(records, cancellationToken);
        foreach (var reason in result.Skipped)
        {
            IngestionLog.RecordSkipped(logger, reason);
        }

        if (result.Added.Length > 0)
        {
            foreach (var listener in listeners)
            {
                try
                {
                    await listener.OnPapersAddedAsync(result.Added, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The papers are committed; a listener (e.g. similarity) can catch up later. Never lose the batch.
                    IngestionLog.ListenerFailed(logger, ex, listener.GetType().Name);
                }
            }
        }

        return result;
    }
}

internal static partial class IngestionLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Skipped a record: {Reason}", EventName = "RecordSkipped")]
    public static partial void RecordSkipped(ILogger logger, string reason);

    [LoggerMessage(1101, LogLevel.Error, "Paper listener {Listener} failed; the papers are stored and it will catch up", EventName = "ListenerFailed")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, string listener);
}
