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
            Log.RecordSkipped(logger, reason);
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
                    Log.ListenerFailed(logger, ex, listener.GetType().Name);
                }
            }
        }

        return result;
    }
}
