using System.Collections.Immutable;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Core.Commands.Similar;

/// <summary>One page of a similarity answer: which page, its size, and the actions under it.</summary>
public sealed record ResultPage(int Number, int Size, Func<SimilarityResult, ImmutableArray<ReplyAction>> Actions)
{
    /// <summary>A single page with no actions (callers that do not page).</summary>
    public static ResultPage First { get; } = new(1, int.MaxValue, _ => []);

    /// <summary>The neighbours on this page, out of a result fetched for every page up to it.</summary>
    public SimilarityResult Cut(SimilarityResult result) =>
        Number == 1 && result.Neighbours.Length <= Size
            ? result
            : result with { Neighbours = [.. result.Neighbours.Skip((Number - 1) * Size).Take(Size)] };
}
