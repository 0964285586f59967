namespace ResearchBot.Sources.Import;

/// <summary>What <see cref="SnapshotImporter"/> loads, and how.</summary>
/// <param name="File">A JSON-lines file (arXiv snapshot or demo format), plain, <c>.gz</c>, or a <c>.zip</c> holding one.</param>
/// <param name="BatchSize">Records per committed batch, <see cref="MinBatchSize"/>–<see cref="MaxBatchSize"/>.</param>
/// <param name="Bulk">Take the bulk path (search index built once at the end) whatever the file's size.</param>
public sealed record ImportRequest(string File, int BatchSize = ImportRequest.DefaultBatchSize, bool Bulk = false)
{
    public const int DefaultBatchSize = 2000;
    public const int MinBatchSize = 1;
    public const int MaxBatchSize = 100_000;
}
