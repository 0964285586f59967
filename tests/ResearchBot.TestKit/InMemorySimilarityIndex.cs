using System.Collections.Immutable;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Core.Text;

namespace ResearchBot.TestKit;

/// <summary>
/// An <see cref="ISimilarityIndex"/> over an <see cref="InMemoryPaperIndex"/>: neighbours ranked by the share of
/// folded title and abstract words (of four letters or more) they have in common, best first, ties by index order.
/// Enough for tests that need "the 3 most similar papers" to be predictable, not a model of the real engine.
/// </summary>
public sealed class InMemorySimilarityIndex(InMemoryPaperIndex index) : ISimilarityIndex
{
    public const string EngineName = "in-memory word overlap";

    public Task<SimilarityResult> FindSimilarAsync(Paper paper, SimilarityQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Rank(Words(paper.Title + " " + paper.Abstract), query, exclude: paper.Seq));

    public Task<SimilarityResult> FindByDescriptionAsync(string description, SimilarityQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Rank(Words(description), query, exclude: null));

    private SimilarityResult Rank(HashSet<string> words, SimilarityQuery query, long? exclude)
    {
        if (words.Count == 0)
        {
            return new SimilarityResult([], SimilarityStatus.NoKnownTerms, EngineName);
        }

        var ranked = index.Papers
            .Where(p => p.Seq != exclude)
            .Where(p => query.SinceYear is null || p.Published?.Year >= query.SinceYear)
            .Where(p => query.Category is null || p.Categories.Contains(query.Category, StringComparer.OrdinalIgnoreCase))
            .Select(p => (Paper: p, Shared: Words(p.Title + " " + p.Abstract).Intersect(words).Order(StringComparer.Ordinal).ToImmutableArray()))
            .Where(x => x.Shared.Length > 0)
            .OrderByDescending(x => x.Shared.Length)
            .ThenBy(x => x.Paper.Seq)
            .Take(query.Limit)
            .Select(x => new SimilarPaper(x.Paper, (double)x.Shared.Length / words.Count, [.. x.Shared.Take(5)]))
            .ToImmutableArray();
        return new SimilarityResult(ranked, SimilarityStatus.Ok, EngineName);
    }

    private static HashSet<string> Words(string text) =>
        [.. TextFold.Words(text).Where(w => w.Length >= 4)];
}
