namespace ResearchBot.Sources;

/// <summary>
/// An upstream that feeds papers into the index on a schedule (arXiv OAI-PMH or announcement feeds, Hugging Face
/// daily papers). A harvest resumes from an opaque cursor the source produced earlier and yields batches, each
/// with the cursor to store once the batch is committed, so a restart continues where it stopped.
/// </summary>
public interface IPaperSource
{
    /// <summary>Short lowercase name used in config, logs, cursors and <c>researchbot ingest NAME</c>.</summary>
    string Name { get; }

    /// <summary>Whether the source is configured and enabled (sources are off until configured).</summary>
    bool Enabled { get; }

    /// <summary>Cron expression (5 fields, UTC) for the background service.</summary>
    string Schedule { get; }

    /// <summary>Yields batches from <paramref name="cursor"/> (null: the source's default start).</summary>
    /// <exception cref="Core.Papers.PaperSourceUnavailableException">The source failed after retries; batches already yielded stay valid.</exception>
    IAsyncEnumerable<HarvestBatch> HarvestAsync(string? cursor, CancellationToken cancellationToken);
}
