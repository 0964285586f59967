using ResearchBot.Core.Text;

namespace ResearchBot.Similarity.Text;

/// <summary>
/// Splits text into index words: letters and digits, lower case (diacritics folded), 2–30 characters, at least one
/// letter, English stop words removed, plurals reduced by <see cref="PluralStemmer"/>.
/// </summary>
internal static class Tokenizer
{
    private const int MaxWord = 30;

    public static void Tokenize(string? text, TokenList tokens)
    {
        tokens.Clear();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!IsAscii(text))
        {
            text = FoldKeepingPunctuation(text);
        }

        Span<char> word = stackalloc char[MaxWord + 1];
        var length = 0;
        var hasLetter = false;
        var adjacent = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c == '\'' && length > 0 && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]))
            {
                continue; // O'Brien, Körding's: the apostrophe joins.
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (length <= MaxWord)
                {
                    word[length] = char.ToLowerInvariant(c);
                }

                length++;
                hasLetter |= char.IsAsciiLetter(c);
                continue;
            }

            if (length > 0)
            {
                if (length is >= 2 and <= MaxWord && hasLetter)
                {
                    var w = PluralStemmer.StemInPlace(word[..length]);
                    if (StopWords.Contains(w))
                    {
                        adjacent = false;
                    }
                    else
                    {
                        tokens.Add(w, adjacent);
                        adjacent = true;
                    }
                }
                else
                {
                    adjacent = false;
                }

                length = 0;
                hasLetter = false;
            }

            // Sentence and clause punctuation breaks bigrams; spaces and hyphens do not.
            if (c is not (' ' or '-' or '\n' or '\r' or '\t'))
            {
                adjacent = false;
            }
        }
    }

    /// <summary>
    /// Folds non-ASCII letters one at a time (ö → o, ß → ss, through <see cref="TextFold"/>), drops combining marks,
    /// turns typographic apostrophes into ASCII ones and other non-ASCII punctuation into a comma, so that punctuation
    /// still breaks bigrams.
    /// </summary>
    private static string FoldKeepingPunctuation(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormKC))
        {
            if (c < 128)
            {
                sb.Append(c);
            }
            else if (c is '’' or 'ʼ')
            {
                sb.Append('\'');
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(TextFold.Fold(c.ToString()));
            }
            else if (char.IsWhiteSpace(c))
            {
                sb.Append(' ');
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark or System.Globalization.UnicodeCategory.Format))
            {
                sb.Append(',');
            }
        }

        return sb.ToString();
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 127)
            {
                return false;
            }
        }

        return true;
    }
}
