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
    private readonly AlertSubscription[] _subscriptions;
    private readonly PercolatorProgram _program = new();
    // Offset and no-backlog watermark side by side: one cache line per candidate instead of two.
    private readonly (long StartAfter, int Offset)[] _programs;
    private readonly int[][] _postings;
    private readonly int[] _unanchored;
    private long _evaluations;

    public AlertPercolator(IEnumerable<PercolatorEntry> entries)
    {
        _entries = [.. entries];
        _subscriptions = [.. _entries.Select(e => e.Subscription)];
        _programs = new (long, int)[_entries.Length];
        var postings = new List<List<int>>();
        var unanchored = new List<int>();
        for (var i = 0; i < _entries.Length; i++)
        {
            _programs[i] = (_entries[i].Subscription.StartAfterSeq, _program.Add(_entries[i].Query.Root));
            var anchors = PercolatorAnchors.For(_entries[i].Query.Root);
            if (anchors is null)
            {
                unanchored.Add(i);
                continue;
            }

            foreach (var key in anchors)
            {
                var id = _program.IdOf(key);
                while (postings.Count <= id)
                {
                    postings.Add([]);
                }

                postings[id].Add(i);
            }
        }

        _program.Seal();
        _postings = new int[_program.VocabularySize][];
        for (var id = 0; id < _postings.Length; id++)
        {
            _postings[id] = id < postings.Count ? [.. postings[id]] : [];
        }

        _unanchored = [.. unanchored];
    }

    public static AlertPercolator Empty { get; } = new([]);

    public int Count => _entries.Length;

    /// <summary>How many full query evaluations the <see cref="Match"/> calls made in total (for the benchmark).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>
    /// Every (paper, subscription) match among the papers, in paper order, skipping subscriptions made after the paper
    /// entered (no backlog). Large batches are split across the processor's cores.
    /// </summary>
    public IReadOnlyList<PercolatorHit> Match(IReadOnlyList<Paper> papers)
    {
        if (_entries.Length == 0 || papers.Count == 0)
        {
            return [];
        }

        var parts = Math.Clamp(Math.Min(Environment.ProcessorCount, papers.Count / MinPapersPerThread), 1, 16);
        if (parts == 1)
        {
            return MatchRange(papers, 0, papers.Count);
        }

        var results = new List<PercolatorHit>[parts];
        var size = (papers.Count + parts - 1) / parts;
        Parallel.For(0, parts, part => results[part] = MatchRange(papers, part * size, Math.Min(papers.Count, (part + 1) * size)));
        return [.. results.SelectMany(r => r)];
    }

    private const int MinPapersPerThread = 64;

    private List<PercolatorHit> MatchRange(IReadOnlyList<Paper> papers, int from, int to)
    {
        var hits = new List<PercolatorHit>();
        var seen = new int[_entries.Length];
        var context = new PaperContext(_program.VocabularySize);
        var stamp = 0;
        long evaluations = 0;
        for (var p = from; p < to; p++)
        {
            stamp++;
            context.Load(new PaperFeatures(papers[p]), _program);
            foreach (var key in context.Keys)
            {
                foreach (var i in _postings[key])
                {
                    if (seen[i] != stamp)
                    {
                        seen[i] = stamp;
                        evaluations += Evaluate(i, context, hits);
                    }
                }
            }

            foreach (var i in _unanchored)
            {
                evaluations += Evaluate(i, context, hits);
            }
        }

        Interlocked.Add(ref _evaluations, evaluations);
        return hits;
    }

    private int Evaluate(int i, PaperContext paper, List<PercolatorHit> hits)
    {
        var (startAfter, offset) = _programs[i];
        if (paper.Features.Paper.Seq <= startAfter)
        {
            return 0;
        }

        if (_program.Run(offset, paper))
        {
            hits.Add(new PercolatorHit(paper.Features.Paper, _subscriptions[i], _program.MatchOf(paper)));
        }

        return 1;
    }
}
