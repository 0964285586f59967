using System.Collections.Frozen;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// Matches new papers against many subscriptions without running every query: each query is filed under a few
/// "anchor" keys that any matching paper must have (a word, an author surname, a category), a paper looks up its own
/// keys, and only the subscriptions found there are evaluated in full. Queries with no anchor (rare: <c>a OR -b</c>)
/// are evaluated for every paper. Immutable once built; safe to share between threads.
/// </summary>
public sealed class AlertPercolator
{
    private readonly PercolatorEntry[] _entries;
    private readonly FrozenDictionary<string, int[]> _index;
    private readonly int[] _unanchored;

    public AlertPercolator(IEnumerable<PercolatorEntry> entries)
    {
        _entries = [.. entries];
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var unanchored = new List<int>();
        for (var i = 0; i < _entries.Length; i++)
        {
            var anchors = PercolatorAnchors.For(_entries[i].Query.Root);
            if (anchors is null)
            {
                unanchored.Add(i);
                continue;
            }

            foreach (var key in anchors)
            {
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = [];
                }

                list.Add(i);
            }
        }

        _index = index.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _unanchored = [.. unanchored];
    }

    public static AlertPercolator Empty { get; } = new([]);

    public int Count => _entries.Length;

    /// <summary>How many full query evaluations the last <see cref="Match"/> calls made in total (for the benchmark).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    private long _evaluations;

    /// <summary>Every (paper, subscription) match among the papers, skipping subscriptions made after the paper entered (no backlog).</summary>
    public IReadOnlyList<PercolatorHit> Match(IReadOnlyList<Paper> papers)
    {
        var hits = new List<PercolatorHit>();
        if (_entries.Length == 0 || papers.Count == 0)
        {
            return hits;
        }

        var seen = new int[_entries.Length];
        var stamp = 0;
        long evaluations = 0;
        foreach (var paper in papers)
        {
            stamp++;
            var features = new PaperFeatures(paper);
            foreach (var key in features.PercolatorKeys())
            {
                if (_index.TryGetValue(key, out var list))
                {
                    foreach (var i in list)
                    {
                        if (seen[i] != stamp)
                        {
                            seen[i] = stamp;
                            evaluations += Evaluate(i, features, hits);
                        }
                    }
                }
            }

            foreach (var i in _unanchored)
            {
                evaluations += Evaluate(i, features, hits);
            }
        }

        Interlocked.Add(ref _evaluations, evaluations);
        return hits;
    }

    private int Evaluate(int i, PaperFeatures features, List<PercolatorHit> hits)
    {
        var entry = _entries[i];
        if (features.Paper.Seq <= entry.Subscription.StartAfterSeq)
        {
            return 0;
        }

        if (entry.Query.Match(features) is { } match)
        {
            hits.Add(new PercolatorHit(features.Paper, entry.Subscription, match));
        }

        return 1;
    }
}
