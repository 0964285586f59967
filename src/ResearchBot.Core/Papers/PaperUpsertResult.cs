using System.Collections.Immutable;

namespace ResearchBot.Core.Papers;

/// <summary>What one batch did to the index.</summary>
/// <param name="Added">Papers that were not in the index before this batch (in batch order).</param>
/// <param name="Merged">Records merged into a paper already known (another source, version or duplicate).</param>
/// <param name="Skipped">Records rejected as unusable (no title, say), with the reason.</param>
public sealed record PaperUpsertResult(
    ImmutableArray<Paper> Added,
    int Merged,
    ImmutableArray<string> Skipped)
{
    public static PaperUpsertResult Empty { get; } = new([], 0, []);
}
