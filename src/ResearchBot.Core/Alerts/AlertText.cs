using System.Text;
using ResearchBot.Core.Text;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// The stemmed, folded words of a text, exactly as <see cref="TextFold.Words"/> followed by <see cref="PluralStemmer.Stem(string)"/>
/// would give them, with a fast path for plain ASCII text (most titles and abstracts) that allocates only the words.
/// </summary>
public static class AlertText
{
    public static string[] Stems(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        if (!Ascii.IsValid(text) || text.Contains('\\', StringComparison.Ordinal))
        {
            var words = TextFold.Words(text);
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = PluralStemmer.Stem(words[i]);
            }

            return words;
        }

        var result = new List<string>(text.Length / 6);
        Span<char> buffer = stackalloc char[64];
        var word = buffer;
        char[]? rented = null;
        var length = 0;
        foreach (var ch in text)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (length == word.Length)
                {
                    var bigger = new char[word.Length * 2];
                    word.CopyTo(bigger);
                    rented = bigger;
                    word = rented;
                }

                word[length++] = char.ToLowerInvariant(ch);
            }
            else if (ch != '\'')
            {
                if (length > 0)
                {
                    result.Add(PluralStemmer.Stem(word[..length]));
                    length = 0;
                }
            }
        }

        if (length > 0)
        {
            result.Add(PluralStemmer.Stem(word[..length]));
        }

        return [.. result];
    }
}
