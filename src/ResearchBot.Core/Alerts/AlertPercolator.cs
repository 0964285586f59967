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
    // Offset and the no-backlog limits side by side: one cache line per candidate instead of two.
    private readonly (long StartAfter, DateOnly PublishedFrom, int Offset)[] _programs;
    private readonly DateOnly _earliestPublishedFrom = DateOnly.MaxValue;
    private readonly int[][] _postings;
    private readonly int[] _unanchored;
    private long _evaluations;

    public AlertPercolator(IEnumerable<PercolatorEntry> entries)
    {
        _entries = [.. entries];
        _subscriptions = [.. _entries.Select(e => e.Subscription)];
        _programs = new (long, DateOnly, int)[_entries.Length];
        var postings = new List<List<int>>();
        var unanchored = new List<int>();
        for (var i = 0; i < _entries.Length; i++)
        {
            var from = PublishedFrom(_entries[i].Subscription.CreatedAt);
            _programs[i] = (_entries[i].Subscription.StartAfterSeq, from, _program.Add(_entries[i].Query.Root));
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

    /// <summary>How many full query evaluations the <see cref="Match"/> calls made in total (for the benchmark).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

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
            if (PublishedBefore(papers[p], _earliestPublishedFrom))
            {
                continue; // older than every subscription's window: most of a snapshot import, skipped before any work
            }

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
        var (startAfter, publishedFrom, offset) = _programs[i];
        if (paper.Features.Paper.Seq <= startAfter || PublishedBefore(paper.Features.Paper, publishedFrom))
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
