using ResearchBot.Core.Papers;

namespace ResearchBot.Sources;

/// <summary>One page of a harvest: the good records, how many were skipped as bad, and the cursor after it.</summary>
/// <param name="Records">Records to ingest (may be empty, e.g. a page of replacements only).</param>
/// <param name="Skipped">Records the source could not use (malformed, no id); already logged.</param>
/// <param name="Cursor">Where to resume once this batch is stored; null keeps the previous cursor.</param>
public sealed record HarvestBatch(IReadOnlyList<PaperRecord> Records, int Skipped, string? Cursor);
