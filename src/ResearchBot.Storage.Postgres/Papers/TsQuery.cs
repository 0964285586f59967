using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Text;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// Builds PostgreSQL text-search queries from user text without letting any query syntax through: the text is folded
/// to words and "quoted phrases" first (as the SQLite backend's FTS5 builder does), so <c>-</c>, <c>or</c>, <c>!</c>,
/// <c>&amp;</c> or stray quotes are inert.
/// </summary>
internal static class TsQuery
{
    public const int MaxTerms = 32;

    /// <summary>
    /// Text for <c>websearch_to_tsquery</c> requiring every term (words and "phrases"), or null when nothing is searchable.
    /// </summary>
    public static string? WebSearchAll(string text)
    {
        var terms = Terms(text);
        return terms.Count == 0 ? null : string.Join(' ', terms.Select(t => t.Count == 1 ? t[0] : "\"" + string.Join(' ', t) + "\""));
    }

    /// <summary>A <c>to_tsquery</c> expression: all terms (<c>&amp;</c>) or any (<c>|</c>), optionally only in the title (weight A).</summary>
    public static string? Expression(string text, bool any, bool titleOnly)
    {
        var terms = Terms(text);
        return Join(terms, any, titleOnly);
    }

    /// <summary>Any of the given terms (each folded; several words become a phrase).</summary>
    public static string? AnyOf(IEnumerable<string> terms, bool abstractOnly)
    {
        var list = terms.Select(TextFold.Words).Where(w => w.Length > 0).Select(w => (IReadOnlyList<string>)w).Take(MaxTerms).ToList();
        return Join(list, any: true, titleOnly: false, weight: abstractOnly ? "B" : null);
    }

    private static string? Join(IReadOnlyList<IReadOnlyList<string>> terms, bool any, bool titleOnly, string? weight = null)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        var suffix = titleOnly ? ":A" : weight is { } w ? ":" + w : "";
        var parts = terms.Select(t => t.Count == 1
            ? Lexeme(t[0], suffix)
            : "(" + string.Join(" <-> ", t.Select(x => Lexeme(x, suffix))) + ")");
        return string.Join(any ? " | " : " & ", parts.Distinct(StringComparer.Ordinal));
    }

    // Folded words hold letters and digits only; quoting keeps even those literal.
    private static string Lexeme(string word, string suffix) => "'" + word.Replace("'", "''", StringComparison.Ordinal) + "'" + suffix;

    private static List<IReadOnlyList<string>> Terms(string text)
    {
        var terms = new List<IReadOnlyList<string>>();
        foreach (var token in ArgumentTokenizer.Tokenize(text))
        {
            var words = TextFold.Words(token.Value);
            if (words.Length == 0)
            {
                continue;
            }

            if (token.Quoted && words.Length > 1)
            {
                terms.Add(words);
            }
            else
            {
                terms.AddRange(words.Where(w => !StopWords.Contains(w) || words.Length == 1).Select(w => (IReadOnlyList<string>)[w]));
            }

            if (terms.Count >= MaxTerms)
            {
                break;
            }
        }

        return [.. terms.Take(MaxTerms)];
    }

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or", "the", "to", "with", "we", "our", "this", "that", "via",
    ];
}
