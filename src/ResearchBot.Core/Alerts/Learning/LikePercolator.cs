using System.Collections.Immutable;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts.Learning;

/// <summary>
/// Matches a batch of new papers against every <c>like:</c> subscription with one dense pass (<see cref="DenseScorer"/>):
/// a pair is a hit when the model's score clears the subscription's threshold, the paper passes the filter and is new
/// to the subscription (no backlog, not old news). Immutable once built; safe to share between threads.
/// </summary>
public sealed class LikePercolator
{
    private readonly LikeEntry[] _entries;
    private readonly DenseScorer? _scorer;

    public LikePercolator(string? spaceId, int dims, IEnumerable<LikeEntry> entries)
    {
        SpaceId = spaceId;
        _entries = [.. entries.Where(e => spaceId is not null && e.Model.SpaceId == spaceId && e.Model.Weights.Length == dims)];
        if (_entries.Length > 0)
        {
            _scorer = new DenseScorer(dims, [.. _entries.Select(e => e.Model.Weights)], [.. _entries.Select(e => e.Model.Bias)], [.. _entries.Select(e => e.Model.Threshold)]);
        }
    }

    public static LikePercolator Empty { get; } = new(null, 1, []);

    public string? SpaceId { get; }

    public int Count => _entries.Length;

    /// <summary>
    /// Every hit among <paramref name="papers"/> (their unit vectors in <see cref="SpaceId"/> alongside; a paper
    /// without a vector is skipped), with the score and "why" (shared terms with the closest example).
    /// </summary>
    public IReadOnlyList<PercolatorHit> Match(IReadOnlyList<Paper> papers, IReadOnlyList<float[]?> vectors)
    {
        if (_scorer is null || papers.Count == 0)
        {
            return [];
        }

        var dims = _scorer.Dimensions;
        var index = new List<int>(papers.Count);
        for (var i = 0; i < papers.Count; i++)
        {
            if (vectors[i] is { } v && v.Length == dims)
            {
                index.Add(i);
            }
        }

        var packed = new float[index.Count * dims];
        for (var i = 0; i < index.Count; i++)
        {
            vectors[index[i]]!.CopyTo(packed, i * dims);
        }

        var hits = new List<PercolatorHit>();
        var features = new Dictionary<int, PaperFeatures>();
        foreach (var (model, column, score) in _scorer.Match(packed, index.Count).OrderBy(h => h.Paper).ThenBy(h => h.Model))
        {
            var entry = _entries[model];
            var p = index[column];
            var paper = papers[p];
            if (paper.Seq <= entry.Subscription.StartAfterSeq || AlertPercolator.IsOldNewsFor(paper, entry.Subscription.CreatedAt))
            {
                continue;
            }

            if (entry.Filter is { } filter)
            {
                if (!features.TryGetValue(p, out var f))
                {
                    features[p] = f = new PaperFeatures(paper);
                }

                if (!filter.Matches(f))
                {
                    continue;
                }
            }

            hits.Add(new PercolatorHit(paper, entry.Subscription, new AlertMatch(score, Why(entry, paper, vectors[p]!))));
        }

        return hits;
    }

    /// <summary>"like 2401.12345: diffusion, sampler, guidance" — the closest example and the words they share.</summary>
    public static ImmutableArray<string> Why(LikeEntry entry, Paper paper, float[] vector) => Why(entry.Examples, paper, vector);

    /// <summary>The same "why" from the examples alone (the subscribe preview, before a subscription exists).</summary>
    public static ImmutableArray<string> Why(IReadOnlyList<LikeExample> examples, Paper paper, float[] vector)
    {
        if (examples.Count == 0)
        {
            return [];
        }

        var closest = examples.MaxBy(e => e.Vector.Length == vector.Length ? System.Numerics.Tensors.TensorPrimitives.Dot(e.Vector, vector) : float.MinValue)!;
        var terms = SharedTerms.Between(paper, closest.Words);
        return terms.IsEmpty ? [$"like {closest.Reference}"] : [$"like {closest.Reference}: {string.Join(", ", terms)}"];
    }
}
