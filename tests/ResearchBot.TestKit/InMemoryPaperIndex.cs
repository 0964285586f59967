using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;

namespace ResearchBot.TestKit;

/// <summary>
/// An <see cref="IPaperIndex"/> in a list, for command tests. It follows the SQLite index's rules where a user can see
/// them: merge by versionless arXiv id, then DOI, then folded title; look-up by public id, arXiv id (any version or
/// <c>arXiv:</c> prefix) or DOI; search needs every word (a "quoted phrase" as consecutive words) and falls back to any
/// word, title matches weigh three times abstract matches. Words are folded, not stemmed (SQLite's porter stemmer is
/// not reproduced here).
/// </summary>
public sealed class InMemoryPaperIndex(TimeProvider timeProvider) : IPaperIndex
{
    private const int MinMergeableTitleKey = 16;
    private static readonly HashSet<string> StopWords =
        ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or", "the", "to", "with", "we", "our", "this", "that", "via"];

    private readonly Lock _gate = new();
    private readonly List<Paper> _papers = [];

    public InMemoryPaperIndex()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Every paper, in <see cref="Paper.Seq"/> order.</summary>
    public IReadOnlyList<Paper> Papers
    {
        get
        {
            lock (_gate)
            {
                return [.. _papers];
            }
        }
    }

    /// <summary>Upserts the records and returns the papers they became (one per record, merged ones included).</summary>
    public async Task<IReadOnlyList<Paper>> AddAsync(params PaperRecord[] records)
    {
        await UpsertAsync(records, CancellationToken.None);
        lock (_gate)
        {
            return [.. records.Where(r => !string.IsNullOrWhiteSpace(r.Title)).Select(r => _papers[FindIndex(r)])];
        }
    }

    public Task<PaperUpsertResult> UpsertAsync(IReadOnlyList<PaperRecord> records, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var added = ImmutableArray.CreateBuilder<Paper>();
        var skipped = ImmutableArray.CreateBuilder<string>();
        var merged = 0;
        lock (_gate)
        {
            foreach (var record in records)
            {
                if (string.IsNullOrWhiteSpace(record.Title))
                {
                    skipped.Add($"{record.Source}: a record without a title");
                    continue;
                }

                var at = FindIndex(record);
                if (at >= 0)
                {
                    _papers[at] = Merge(_papers[at], record);
                    merged++;
                    continue;
                }

                var paper = Create(record, _papers.Count + 1);
                _papers.Add(paper);
                added.Add(paper);
            }
        }

        return Task.FromResult(new PaperUpsertResult(added.ToImmutable(), merged, skipped.ToImmutable()));
    }

    public Task<Paper?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = id.Trim();
        if (key.Length == 0)
        {
            return Task.FromResult<Paper?>(null);
        }

        var arxiv = ArxivId.TryParse(key, out var parsed) ? parsed.Id : null;
        var doi = DoiText.Normalize(key);
        lock (_gate)
        {
            return Task.FromResult(_papers.FirstOrDefault(p =>
                string.Equals(p.Id, key, StringComparison.OrdinalIgnoreCase)
                || (arxiv is not null && p.ArxivId == arxiv)
                || (doi is not null && p.Doi == doi)));
        }
    }

    public Task<IReadOnlyList<Paper>> GetBySeqAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var bySeq = _papers.ToDictionary(p => p.Seq);
            return Task.FromResult<IReadOnlyList<Paper>>([.. seqs.Where(bySeq.ContainsKey).Select(s => bySeq[s])]);
        }
    }

    /// <summary>Ranks every match (no candidate budget); <see cref="NextPartial"/> makes the next result say otherwise.</summary>
    public Task<PaperSearchResult> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return Task.FromResult(PaperSearchResult.Empty);
        }

        lock (_gate)
        {
            var all = Rank(terms, requireAll: true, titleOnly: false, limit);
            var partial = NextPartial;
            NextPartial = null;
            return Task.FromResult(new PaperSearchResult(all.Count > 0 ? all : Rank(terms, requireAll: false, titleOnly: false, limit), partial));
        }
    }

    /// <summary>Reported by the next search as its coverage, as a store over its candidate budget would (for reply tests).</summary>
    public SearchCoverage? NextPartial { get; set; }

    public Task<IReadOnlyList<PaperHit>> FindByTitleAsync(string title, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = TextFold.Fold(title);
        if (key.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<PaperHit>>([]);
        }

        lock (_gate)
        {
            var exact = _papers.Where(p => TextFold.Fold(p.Title) == key).Take(limit).Select(p => new PaperHit(p, double.MaxValue)).ToList();
            if (exact.Count > 0)
            {
                return Task.FromResult<IReadOnlyList<PaperHit>>(exact);
            }

            var terms = Terms(title);
            var all = Rank(terms, requireAll: true, titleOnly: true, limit);
            return Task.FromResult<IReadOnlyList<PaperHit>>(all.Count > 0 ? all : Rank(terms, requireAll: false, titleOnly: true, limit));
        }
    }

    public Task<IReadOnlyList<Paper>> RecentlyIndexedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Paper>>([.. _papers.Where(p => p.IndexedAt >= since)
                .OrderByDescending(p => p.IndexedAt).ThenByDescending(p => p.Seq).Take(limit)]);
        }
    }

    public Task<IReadOnlyList<Paper>> MostUpvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Paper>>([.. _papers.Where(p => p.IndexedAt >= since && p.Upvotes > 0)
                .OrderByDescending(p => p.Upvotes).ThenByDescending(p => p.Seq).Take(limit)]);
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_papers.Count);
        }
    }

    public async IAsyncEnumerable<Paper> StreamAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var paper in Papers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return paper;
        }
    }

    /// <summary>Search terms: each a sequence of folded words (more than one for a quoted phrase).</summary>
    private static List<string[]> Terms(string text)
    {
        var terms = new List<string[]>();
        foreach (var token in ArgumentTokenizer.Tokenize(text))
        {
            var words = TextFold.Words(token.Value);
            if (token.Quoted && words.Length > 1)
            {
                terms.Add(words);
            }
            else
            {
                terms.AddRange(words.Where(w => !StopWords.Contains(w) || words.Length == 1).Select(w => new[] { w }));
            }
        }

        return terms;
    }

    private List<PaperHit> Rank(List<string[]> terms, bool requireAll, bool titleOnly, int limit)
    {
        var hits = new List<PaperHit>();
        foreach (var paper in _papers)
        {
            var title = TextFold.Words(paper.Title);
            var text = titleOnly ? [] : TextFold.Words(paper.Abstract);
            var matched = 0;
            var score = 0.0;
            foreach (var term in terms)
            {
                var inTitle = Occurrences(title, term);
                var inText = Occurrences(text, term);
                if (inTitle + inText > 0)
                {
                    matched++;
                    score += (3.0 * inTitle) + inText;
                }
            }

            if (matched > 0 && (!requireAll || matched == terms.Count))
            {
                hits.Add(new PaperHit(paper, score));
            }
        }

        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Paper.Seq).Take(limit)];
    }

    private static int Occurrences(string[] words, string[] phrase)
    {
        var count = 0;
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, phrase.Length).SequenceEqual(phrase))
            {
                count++;
            }
        }

        return count;
    }

    private int FindIndex(PaperRecord record)
    {
        var arxiv = ArxivId.TryParse(record.ArxivId, out var parsed) ? parsed.Id : null;
        var doi = DoiText.Normalize(record.Doi);
        var titleKey = TextFold.Fold(record.Title);
        var at = arxiv is null ? -1 : _papers.FindIndex(p => p.ArxivId == arxiv);
        at = at >= 0 || doi is null ? at : _papers.FindIndex(p => p.Doi == doi);
        return at >= 0 || titleKey.Length < MinMergeableTitleKey ? at : _papers.FindIndex(p => TextFold.Fold(p.Title) == titleKey);
    }

    private Paper Create(PaperRecord r, long seq)
    {
        var arxiv = ArxivId.TryParse(r.ArxivId, out var parsed) ? parsed : null;
        var doi = DoiText.Normalize(r.Doi);
        return new Paper
        {
            Seq = seq,
            Id = arxiv?.Id ?? (doi is not null ? "doi:" + doi : "t:" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Title = r.Title.Trim(),
            Abstract = r.Abstract,
            Authors = r.Authors,
            AuthorsTruncated = r.AuthorsTruncated,
            Published = r.Published,
            PublishedYearOnly = r.PublishedYearOnly,
            Updated = r.Updated,
            Categories = r.Categories,
            Venue = r.Venue,
            ArxivId = arxiv?.Id,
            ArxivVersion = r.ArxivVersion ?? arxiv?.Version,
            Doi = doi,
            Url = r.Url,
            Citations = r.Citations,
            Upvotes = r.Upvotes,
            Sources = [r.Source],
            IndexedAt = timeProvider.GetUtcNow(),
        };
    }

    /// <summary>Fills what the paper lacks from the record; the newer arXiv version, the fuller byline and the larger counts win.</summary>
    private static Paper Merge(Paper p, PaperRecord r)
    {
        var arxiv = ArxivId.TryParse(r.ArxivId, out var parsed) ? parsed : null;
        var version = r.ArxivVersion ?? arxiv?.Version;
        var doi = DoiText.Normalize(r.Doi);
        var fuller = p.Authors.IsDefaultOrEmpty || (p.AuthorsTruncated && !r.AuthorsTruncated && r.Authors.Length > 0) || r.Authors.Length > p.Authors.Length;
        var id = arxiv is not null && !p.Id.Equals(arxiv.Id, StringComparison.Ordinal) && p.ArxivId is null ? arxiv.Id
            : doi is not null && p.Id.StartsWith("t:", StringComparison.Ordinal) ? "doi:" + doi
            : p.Id;
        return p with
        {
            Id = id,
            Abstract = p.Abstract ?? r.Abstract,
            Authors = fuller ? r.Authors : p.Authors,
            AuthorsTruncated = fuller ? r.AuthorsTruncated : p.AuthorsTruncated,
            Published = p.Published ?? r.Published,
            PublishedYearOnly = p.Published is null ? r.PublishedYearOnly : p.PublishedYearOnly,
            Updated = r.Updated > p.Updated || p.Updated is null ? r.Updated ?? p.Updated : p.Updated,
            Categories = [.. p.Categories.Concat(r.Categories).Distinct(StringComparer.Ordinal)],
            Venue = p.Venue ?? r.Venue,
            ArxivId = p.ArxivId ?? arxiv?.Id,
            ArxivVersion = version > p.ArxivVersion || p.ArxivVersion is null ? version ?? p.ArxivVersion : p.ArxivVersion,
            Doi = p.Doi ?? doi,
            Url = p.Url ?? r.Url,
            Citations = Max(p.Citations, r.Citations),
            Upvotes = Max(p.Upvotes, r.Upvotes),
            Sources = p.Sources.Contains(r.Source) ? p.Sources : p.Sources.Add(r.Source),
        };
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
