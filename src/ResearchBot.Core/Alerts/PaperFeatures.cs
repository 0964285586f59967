using ResearchBot.Core.Authors;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// A paper prepared once for matching against many queries: folded, plural-stemmed words of title and abstract (in
/// order, for phrases), parsed author names and lower-case categories.
/// </summary>
public sealed class PaperFeatures
{
    private readonly string[] _title;
    private readonly string[] _abstract;
    private HashSet<string>? _titleSet;
    private HashSet<string>? _abstractSet;
    private readonly AuthorName[] _authors;
    private readonly string[] _categories;

    public PaperFeatures(Paper paper)
    {
        Paper = paper;
        _title = AlertText.Stems(paper.Title);
        _abstract = AlertText.Stems(paper.Abstract);
        _authors = paper.Authors.IsDefaultOrEmpty ? [] : [.. paper.Authors.Select(AuthorName.Parse).OfType<AuthorName>()];
        _categories = paper.Categories.IsDefaultOrEmpty ? [] : [.. paper.Categories.Select(c => c.Trim().ToLowerInvariant())];
    }

    public Paper Paper { get; }

    // Built on first use: the percolator works on its own interned ids and never needs them.
    private HashSet<string> TitleSet => _titleSet ??= new HashSet<string>(_title, StringComparer.Ordinal);

    private HashSet<string> AbstractSet => _abstractSet ??= new HashSet<string>(_abstract, StringComparer.Ordinal);

    internal string[] TitleStems => _title;

    internal string[] AbstractStems => _abstract;

    public IReadOnlyList<AuthorName> Authors => _authors;

    public IReadOnlyList<string> Categories => _categories;

    /// <summary>Every key under which a subscription may be filed that could match this paper (see <see cref="AlertPercolator"/>).</summary>
    public IEnumerable<string> PercolatorKeys()
    {
        foreach (var w in TitleSet)
        {
            yield return PercolatorKey.Word(w);
        }

        foreach (var w in AbstractSet)
        {
            if (!TitleSet.Contains(w))
            {
                yield return PercolatorKey.Word(w);
            }
        }

        foreach (var a in Authors)
        {
            yield return PercolatorKey.Surname(a.Surname);
        }

        foreach (var c in Categories)
        {
            yield return PercolatorKey.Category(c);
            var dot = c.IndexOf('.', StringComparison.Ordinal);
            yield return PercolatorKey.Archive(dot > 0 ? c[..(dot + 1)] : c + ".");
        }
    }

    /// <summary>Where the terms occur: 2 in the title, 1 in the abstract only, 0 nowhere.</summary>
    public int Find(QueryNode.Terms terms)
    {
        if (!terms.IsPhrase)
        {
            return TitleSet.Contains(terms.Stems[0]) ? 2 : AbstractSet.Contains(terms.Stems[0]) ? 1 : 0;
        }

        foreach (var stem in terms.Stems)
        {
            if (!TitleSet.Contains(stem) && !AbstractSet.Contains(stem))
            {
                return 0;
            }
        }

        return ContainsSequence(_title, terms) ? 2 : ContainsSequence(_abstract, terms) ? 1 : 0;
    }

    public bool HasAuthor(AuthorName name)
    {
        foreach (var author in _authors)
        {
            if (author.IsCompatibleWith(name))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasCategory(QueryNode.Category category)
    {
        foreach (var c in _categories)
        {
            var hit = category.Wildcard
                ? c.StartsWith(category.Value, StringComparison.Ordinal) || (c.Length + 1 == category.Value.Length && category.Value.StartsWith(c, StringComparison.Ordinal))
                : string.Equals(c, category.Value, StringComparison.Ordinal);
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsSequence(string[] words, QueryNode.Terms terms)
    {
        var stems = terms.Stems;
        for (var i = 0; i + stems.Length <= words.Length; i++)
        {
            var j = 0;
            while (j < stems.Length && string.Equals(words[i + j], stems[j], StringComparison.Ordinal))
            {
                j++;
            }

            if (j == stems.Length)
            {
                return true;
            }
        }

        return false;
    }
}
