using System.Collections;

namespace ResearchBot.Core.Papers;

/// <summary>
/// A keyword search's hits, best first, and whether every matching paper was ranked. A search whose words match more
/// papers than the backend's candidate budget (<c>Storage:SearchCandidates</c>) ranks only the most recently added
/// of them, so that its cost follows the budget and not the match count; <see cref="Partial"/> then says so, for the
/// reply to tell the user. Enumerates as its <see cref="Hits"/>.
/// </summary>
public sealed record PaperSearchResult(IReadOnlyList<PaperHit> Hits, SearchCoverage? Partial = null) : IReadOnlyList<PaperHit>
{
    public static PaperSearchResult Empty { get; } = new([]);

    public int Count => Hits.Count;

    public PaperHit this[int index] => Hits[index];

    public IEnumerator<PaperHit> GetEnumerator() => Hits.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// A search that ranked only part of its matches: more than <see cref="Ranked"/> papers match (at least
/// <see cref="MatchedAtLeast"/>), and the <see cref="Ranked"/> most recently added of them were ranked.
/// </summary>
public sealed record SearchCoverage(long MatchedAtLeast, int Ranked);
