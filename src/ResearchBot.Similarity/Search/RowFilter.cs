namespace ResearchBot.Similarity.Search;

/// <summary>Which rows a search may return.</summary>
/// <param name="MinYear">Rows with a known year before this are skipped (0: no limit; unknown years are skipped when set).</param>
/// <param name="AllowedSets">Category set ids allowed (null: all).</param>
/// <param name="ExcludeSeq">A paper never to return (the query paper).</param>
internal sealed record RowFilter(int MinYear, bool[]? AllowedSets, long ExcludeSeq)
{
    public static RowFilter None { get; } = new(0, null, -1);

    public bool IsTrivial => MinYear == 0 && AllowedSets is null;
}
