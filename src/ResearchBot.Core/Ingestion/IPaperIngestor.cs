using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Ingestion;

/// <summary>
/// The one way papers enter the index: importers, harvesters and look-ups all call this, so that merging,
/// alert matching (in the same transaction as the write) and similarity folding happen for every new paper.
/// </summary>
public interface IPaperIngestor
{
    Task<PaperUpsertResult> IngestAsync(IReadOnlyList<PaperRecord> records, CancellationToken cancellationToken);
}

/// <summary>Told about papers after they were committed as new (e.g. to project them into the similarity index).</summary>
public interface IPaperAddedListener
{
    ValueTask OnPapersAddedAsync(IReadOnlyList<Paper> added, CancellationToken cancellationToken);
}
