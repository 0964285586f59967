using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// Matches new papers against many subscriptions without running every query: each query is filed under a few
/// "anchor" keys that any matching paper must have (a word, an author surname, a category), a paper looks up its own
/// keys, and only the subscriptions found there are evaluated in full. Queries with no anchor (rare: <c>a OR -b</c>)
/// are evaluated for every paper. Before a candidate's program runs, the terms its query cannot match without (the
/// leaves of its top-level AND) are checked against the paper, which turns most non-matching candidates away.
/// Immutable once built; safe to share between threads; per-thread scratch state is pooled, so matching allocates
/// little beyond the hits.
/// </summary>
public sealed class AlertPercolator
{
    private readonly PercolatorEntry[] _entries;
    private readonly AlertSubscription[] _subscriptions;
    private readonly PercolatorProgram _program = new();
    // Offset, required terms and the no-backlog limits side by side: one cache line per candidate instead of two.
    private readonly (long StartAfter, DateOnly PublishedFrom, int Offset, int RequiredFrom, int RequiredTo)[] _programs;
    private readonly int[] _required;
    private readonly System.Collections.Concurrent.ConcurrentBag<Scratch> _scratch = [];
    private readonly DateOnly _earliestPublishedFrom = DateOnly.MaxValue;
    private readonly int[][] _postings;
    private readonly int[] _unanchored;
    private long _evaluations;
    private long _prefiltered;

    public AlertPercolator(IEnumerable<PercolatorEntry> entries)
    {
        _entries = [.. entries];
        _subscriptions = [.. _entries.Select(e => e.Subscription)];
        _programs = new (long, DateOnly, int, int, int)[_entries.Length];
        var postings = new List<List<int>>();
        var unanchored = new List<int>();
        var required = new List<int>();
        for (var i = 0; i < _entries.Length; i++)
        {
            var from = PublishedFrom(_entries[i].Subscription.CreatedAt);
            var offset = _program.Add(_entries[i].Query.Root);
            var requiredFrom = required.Count;
            _program.AddRequired(_entries[i].Query.Root, required);
            _programs[i] = (_entries[i].Subscription.StartAfterSeq, from, offset, requiredFrom, required.Count);
            _earliestPublishedFrom = from < _earliestPublishedFrom ? from : _earliestPublishedFrom;
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
        _required = [.. required];
    }

    public static AlertPercolator Empty { get; } = new([]);

    /// <summary>
    /// How long before a subscription was made a paper may have been published and still be announced to it. A paper
    /// older than that which enters the index later (a snapshot import, a backfill from another source) is old news,
    /// not a new paper; the window covers arXiv's announcement lag (a submission is announced days later) and
    /// Hugging Face listing recent papers. Papers with no date are announced.
    /// </summary>
    public static readonly TimeSpan BackdateWindow = TimeSpan.FromDays(14);

    /// <summary>Whether <paramref name="paper"/> is too old to be announced to a subscription made at <paramref name="subscribedAt"/>.</summary>
    public static bool IsOldNewsFor(Paper paper, DateTimeOffset subscribedAt) => PublishedBefore(paper, PublishedFrom(subscribedAt));

    private static DateOnly PublishedFrom(DateTimeOffset subscribedAt) => DateOnly.FromDateTime((subscribedAt - BackdateWindow).UtcDateTime);

    /// <summary>Published before <paramref name="from"/>; a year-only date counts as the year's last day.</summary>
    private static bool PublishedBefore(Paper paper, DateOnly from) =>
        paper.Published is { } d && (paper.PublishedYearOnly ? new DateOnly(d.Year, 12, 31) : d) < from;

    public int Count => _entries.Length;

    /// <summary>How many full query evaluations (programs run) the <see cref="Match"/> calls made in total (for the benchmark).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>How many candidates the required-terms check turned away before their program ran (for the benchmark).</summary>
    public long Prefiltered => Interlocked.Read(ref _prefiltered);

    /// <summary>
    /// Every (paper, subscription) match among the papers, in paper order, skipping subscriptions made after the paper
    /// entered (no backlog) and papers published well before the subscription (<see cref="BackdateWindow"/>). Large
    /// batches are split across the processor's cores.
    /// </summary>
    public IReadOnlyList<PercolatorHit> Match(IReadOnlyList<Paper> papers)
    {
        if (_entries.Length == 0 || papers.Count == 0)
        {
            return [];
        }

        var parts = Math.Clamp(Math.Min(Environment.ProcessorCount, papers.Count / MinPapersPerThread), 1, 16);
        var scratches = new Scratch[parts];
        for (var part = 0; part < parts; part++)
        {
            scratches[part] = _scratch.TryTake(out var pooled) ? pooled : new Scratch(_entries.Length, _program.VocabularySize);
        }

        try
        {
            if (parts == 1)
            {
                MatchRange(papers, 0, papers.Count, scratches[0]);
            }
            else
            {
                var size = (papers.Count + parts - 1) / parts;
                Parallel.For(0, parts, part => MatchRange(papers, part * size, Math.Min(papers.Count, (part + 1) * size), scratches[part]));
            }

            // The hits gathered in the reused buffers, copied once into an array of the exact size.
            var all = new PercolatorHit[scratches.Sum(s => s.Hits.Count)];
            var at = 0;
            foreach (var scratch in scratches)
            {
                scratch.Hits.CopyTo(all, at);
                at += scratch.Hits.Count;
            }

            return all;
        }
        finally
        {
            foreach (var scratch in scratches)
            {
                scratch.Hits.Clear();
                if (scratch.Hits.Capacity > MaxPooledHits)
                {
                    scratch.Hits.Capacity = 0; // a huge batch (an import) does not keep its buffer for ever
                }

                _scratch.Add(scratch);
            }
        }
    }

    private const int MinPapersPerThread = 64;
    private const int MaxPooledHits = 1 << 18;

    private void MatchRange(IReadOnlyList<Paper> papers, int from, int to, Scratch scratch)
    {
        var hits = scratch.Hits;
        var seen = scratch.Seen;
        var context = scratch.Context;
        long evaluations = 0;
        long prefiltered = 0;
        for (var p = from; p < to; p++)
        {
            if (PublishedBefore(papers[p], _earliestPublishedFrom))
            {
                continue; // older than every subscription's window: most of a snapshot import, skipped before any work
            }

            var stamp = scratch.NextStamp();
            context.Load(papers[p], _program);
            foreach (var key in context.Keys)
            {
                foreach (var i in _postings[key])
                {
                    if (seen[i] != stamp)
                    {
                        seen[i] = stamp;
                        Evaluate(i, context, hits, ref evaluations, ref prefiltered);
                    }
                }
            }

            foreach (var i in _unanchored)
            {
                Evaluate(i, context, hits, ref evaluations, ref prefiltered);
            }
        }

        Interlocked.Add(ref _evaluations, evaluations);
        Interlocked.Add(ref _prefiltered, prefiltered);
    }

    private void Evaluate(int i, PaperContext paper, List<PercolatorHit> hits, ref long evaluations, ref long prefiltered)
    {
        var (startAfter, publishedFrom, offset, requiredFrom, requiredTo) = _programs[i];
        if (paper.Paper.Seq <= startAfter || PublishedBefore(paper.Paper, publishedFrom))
        {
            return;
        }

        for (var r = requiredFrom; r < requiredTo; r++)
        {
            if (!paper.Has(_required[r]))
            {
                prefiltered++;
                return;
            }
        }

        evaluations++;
        if (_program.Run(offset, paper))
        {
            hits.Add(new PercolatorHit(paper.Paper, _subscriptions[i], _program.MatchOf(paper)));
        }
    }

    /// <summary>One thread's working state for a <see cref="MatchRange"/>, kept for the next call instead of reallocated.</summary>
    private sealed class Scratch(int entries, int vocabulary)
    {
        private int _stamp;

        public int[] Seen { get; } = new int[entries];

        /// <summary>The hits found, emptied when handed back; its capacity is kept.</summary>
        public List<PercolatorHit> Hits { get; } = [];

        public PaperContext Context { get; } = new(vocabulary);

        public int NextStamp()
        {
            if (_stamp == int.MaxValue)
            {
                Array.Clear(Seen);
                _stamp = 0;
            }

            return ++_stamp;
        }
    }

}
