using System.Collections.Immutable;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;

namespace ResearchBot.TestKit;

/// <summary>
/// An <see cref="IAuthorDirectory"/> over authors a test adds with their papers. Matching follows the SQLite
/// directory: a name finds every author with the same folded surname whose given names do not contradict it
/// (<see cref="AuthorName.IsCompatibleWith"/>), most papers first; suggestions complete a surname or given name
/// prefix; spelling neighbours are surnames within two edits (one for short names). Profiles are computed from the papers.
/// </summary>
public sealed class InMemoryAuthorDirectory : IAuthorDirectory
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _authors = [];

    /// <summary>Adds one person under <paramref name="displayName"/> (also known as <paramref name="variants"/>); returns the id.</summary>
    public long Add(string displayName, IEnumerable<Paper> papers, params string[] variants)
    {
        var name = AuthorName.Parse(displayName) ?? throw new ArgumentException("A name needs letters.", nameof(displayName));
        lock (_gate)
        {
            var id = _authors.Count + 1L;
            _authors.Add(new Entry(id, displayName, name, [displayName, .. variants.Where(v => v != displayName)],
                [.. papers.OrderByDescending(p => p.Published).ThenByDescending(p => p.Seq)]));
            return id;
        }
    }

    public Task<IReadOnlyList<AuthorCandidate>> FindAsync(string name, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (AuthorName.Parse(name) is not { } query)
        {
            return Task.FromResult<IReadOnlyList<AuthorCandidate>>([]);
        }

        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuthorCandidate>>([.. _authors
                .Where(a => a.Papers.Length > 0 && a.Names.Any(query.IsCompatibleWith))
                .OrderByDescending(a => a.Papers.Length).ThenBy(a => a.Id)
                .Take(limit).Select(Candidate)]);
        }
    }

    public Task<IReadOnlyList<AuthorCandidate>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var words = TextFold.Words(prefix);
        if (words.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<AuthorCandidate>>([]);
        }

        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuthorCandidate>>([.. _authors
                .Where(a => a.Names.Any(n => Completes(n, words)))
                .OrderByDescending(a => a.Papers.Length).ThenBy(a => a.Id)
                .Take(limit).Select(Candidate)]);
        }
    }

    public Task<IReadOnlyList<string>> SpellingNeighboursAsync(string name, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (AuthorName.Parse(name) is not { Surname.Length: >= 2 } query)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        var budget = query.Surname.Length <= 4 ? 1 : 2;
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _authors
                .Select(a => (a, d: EditDistance.Levenshtein(a.Name.Surname, query.Surname)))
                .Where(x => x.d <= budget)
                .OrderBy(x => x.d).ThenByDescending(x => x.a.Papers.Length)
                .Select(x => x.a.DisplayName).Distinct(StringComparer.OrdinalIgnoreCase).Take(limit)]);
        }
    }

    public Task<AuthorProfile?> GetProfileAsync(long authorId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_authors.FirstOrDefault(a => a.Id == authorId) is { } a ? Profile(a) : null);
        }
    }

    public Task SaveMetricsAsync(long authorId, AuthorMetrics metrics, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var at = _authors.FindIndex(a => a.Id == authorId);
            if (at >= 0)
            {
                var a = _authors[at];
                _authors[at] = a with { Metrics = [.. a.Metrics.Where(m => m.Source != metrics.Source), metrics] };
            }
        }

        return Task.CompletedTask;
    }

    private static bool Completes(AuthorName name, string[] words)
    {
        if (words.Length == 1)
        {
            return name.Surname.StartsWith(words[0], StringComparison.Ordinal)
                || (name.FirstGiven?.StartsWith(words[0], StringComparison.Ordinal) ?? false);
        }

        // "Konrad Kor": the given name must agree and the surname must start with the last word.
        return name.Surname.StartsWith(words[^1], StringComparison.Ordinal)
            && name.FirstGiven is { } given && given.StartsWith(words[0], StringComparison.Ordinal);
    }

    private static AuthorCandidate Candidate(Entry a)
    {
        var latest = a.Papers.FirstOrDefault();
        return new AuthorCandidate(a.Id, a.DisplayName, a.Papers.Length, latest?.Title, latest?.Published?.Year, a.Variants,
            [.. Categories(a).Take(3).Select(c => c.Name)]);
    }

    /// <summary>Computed under the lock; a co-author carries the id of the added person who signed that paper under that name.</summary>
    private AuthorProfile Profile(Entry a)
    {
        var mine = a.Names;
        var coauthors = a.Papers
            .SelectMany(p => p.Authors.Where(n => AuthorName.Parse(n) is not { } parsed || !mine.Any(parsed.IsCompatibleWith)).Distinct())
            .GroupBy(n => n, StringComparer.Ordinal)
            .Select(g => new NameCount(g.Key, g.Count()) { AuthorId = CoauthorId(a, g.Key) })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal);
        return new AuthorProfile(a.Id, a.DisplayName, a.Variants, a.Papers, [.. coauthors], [.. Categories(a)], a.Metrics);
    }

    private long? CoauthorId(Entry of, string name) =>
        AuthorName.Parse(name) is { } parsed
            ? _authors.FirstOrDefault(o => o.Id != of.Id && o.Names.Any(parsed.IsCompatibleWith)
                && o.Papers.Any(p => of.Papers.Any(q => q.Seq == p.Seq) && p.Authors.Contains(name, StringComparer.Ordinal)))?.Id
            : null;

    private static IEnumerable<NameCount> Categories(Entry a) => a.Papers
        .Where(p => p.PrimaryCategory is not null)
        .GroupBy(p => p.PrimaryCategory!, StringComparer.Ordinal)
        .Select(g => new NameCount(g.Key, g.Count()))
        .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal);

    private sealed record Entry(long Id, string DisplayName, AuthorName Name, ImmutableArray<string> Variants, ImmutableArray<Paper> Papers)
    {
        public ImmutableArray<AuthorName> Names { get; } = [.. Variants.Select(AuthorName.Parse).OfType<AuthorName>()];

        public ImmutableArray<AuthorMetrics> Metrics { get; init; } = [];
    }
}
