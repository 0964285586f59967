using System.Text;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Text;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>
/// Builds FTS5 MATCH expressions from user text without letting FTS5 syntax through: every word and
/// "quoted phrase" becomes a quoted FTS5 string, so <c>NEAR</c>, <c>*</c>, <c>-</c> or stray quotes are inert.
/// </summary>
internal static class FtsQuery
{
    public const int MaxTerms = 32;

    /// <summary>All terms required (implicit AND), or null when the text has no searchable words.</summary>
    public static string? All(string text, string? column = null) => Build(text, " ", column);

    /// <summary>Any term (OR), for a looser second pass.</summary>
    public static string? Any(string text, string? column = null) => Build(text, " OR ", column);

    private static string? Build(string text, string joiner, string? column)
    {
        var terms = new List<string>();
        foreach (var token in ArgumentTokenizer.Tokenize(text))
        {
            var words = TextFold.Words(token.Value);
            if (words.Length == 0)
            {
                continue;
            }

            if (token.Quoted && words.Length > 1)
            {
                terms.Add("\"" + string.Join(' ', words) + "\"");
            }
            else
            {
                terms.AddRange(words.Where(w => !StopWords.Contains(w) || words.Length == 1).Select(w => "\"" + w + "\""));
            }

            if (terms.Count >= MaxTerms)
            {
                break;
            }
        }

        if (terms.Count == 0)
        {
            return null;
        }

        var body = string.Join(joiner, terms.Take(MaxTerms));
        return column is null ? body : new StringBuilder().Append(column).Append(" : (").Append(body).Append(')').ToString();
    }

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or", "the", "to", "with", "we", "our", "this", "that", "via",
    ];
}
