using Microsoft.Extensions.Logging;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Progress;

namespace ResearchBot.Sources.Running;

/// <summary>
/// Runs one pass of a source: resumes from its stored cursor, ingests each batch through <see cref="IPaperIngestor"/>
/// (so alerts and similarity see new papers), and stores the batch's cursor only after the batch is committed.
/// A failure keeps every committed batch and leaves the cursor at the last one, so the next pass continues there.
/// </summary>
public sealed class SourceRunner(IPaperIngestor ingestor, ISourceCursorStore cursors, TimeProvider timeProvider, ILogger<SourceRunner> logger)
{
    public Task<SourceRunResult> RunOnceAsync(IPaperSource source, CancellationToken cancellationToken) =>
        RunOnceAsync(source, ProgressReporter.None, cancellationToken);

    /// <summary>One pass, reporting the records stored so far (a harvest's total is not known in advance).</summary>
    public async Task<SourceRunResult> RunOnceAsync(IPaperSource source, IProgressTracker progress, CancellationToken cancellationToken)
    {
        var stored = await cursors.GetAsync(source.Name, cancellationToken);
        int records = 0, added = 0, merged = 0, skipped = 0;
        await foreach (var batch in source.HarvestAsync(stored?.Cursor, cancellationToken))
        {
            var result = await ingestor.IngestAsync(batch.Records, cancellationToken);
            records += batch.Records.Count;
            added += result.Added.Length;
            merged += result.Merged;
            skipped += batch.Skipped + result.Skipped.Length;
            progress.Report(records, note: $"{added} new, {merged} merged");
            if (batch.Cursor is not null)
            {
                await cursors.SetAsync(source.Name, batch.Cursor, timeProvider.GetUtcNow(), cancellationToken);
            }
        }

        Log.HarvestFinished(logger, source.Name, records, added, merged, skipped);
        return new SourceRunResult(source.Name, records, added, merged, skipped);
    }
}
