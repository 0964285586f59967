using System.Globalization;
using System.Text;

namespace ResearchBot.Core.Text;

/// <summary>
/// Folds text for matching: lower case, no diacritics (<c>Körding</c> → <c>kording</c>), letters that do not
/// decompose mapped by hand (ß, ø, ł, æ, œ, đ, þ), TeX accents removed, and every run of non-alphanumerics
/// collapsed to one space.
/// </summary>
public static class TextFold
{
    /// <summary>Folds and keeps only letters and digits, separated by single spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = Untex(text).Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var ch in decomposed)
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsLetterOrDigit(ch))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                AppendFolded(sb, ch);
            }
            else if (ch is '\'' or '’')
            {
                // O'Brien → obrien: apostrophes join, they do not split.
                continue;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>Share of the folded words of <paramref name="typed"/> that occur among the words of <paramref name="text"/> (0 when none typed).</summary>
    public static double WordCoverage(string typed, string text)
    {
        var words = Words(typed);
        if (words.Length == 0)
        {
            return 0;
        }

        var present = Words(text).ToHashSet(StringComparer.Ordinal);
        return words.Count(present.Contains) / (double)words.Length;
    }

    /// <summary>The folded words of a text.</summary>
    public static string[] Words(string? text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void AppendFolded(StringBuilder sb, char ch)
    {
        switch (ch)
        {
            case 'ß': sb.Append("ss"); return;
            case 'ø' or 'Ø': sb.Append('o'); return;
            case 'ł' or 'Ł': sb.Append('l'); return;
            case 'æ' or 'Æ': sb.Append("ae"); return;
            case 'œ' or 'Œ': sb.Append("oe"); return;
            case 'đ' or 'Đ' or 'ð' or 'Ð': sb.Append('d'); return;
            case 'þ' or 'Þ': sb.Append("th"); return;
            case 'ı': sb.Append('i'); return;
            default: sb.Append(char.ToLowerInvariant(ch)); return;
        }
    }

    /// <summary>
    /// TeX accents composed by <see cref="TexAccents"/>; then, in text that had a backslash, what is left of TeX markup
    /// is dropped as folding always did, so stored title and author keys stay valid: a one-letter command before a
    /// brace (<c>\G{x}</c> → <c>x</c>) and every grouping brace (<c>$\mathcal{O}(n)$</c> folds to <c>mathcalo n</c>).
    /// </summary>
    internal static string Untex(string text)
    {
        if (text.IndexOf('\\', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var composed = TexAccents.Compose(text);
        var sb = new StringBuilder(composed.Length);
        for (var i = 0; i < composed.Length; i++)
        {
            var ch = composed[i];
            if (ch == '\\' && i + 2 < composed.Length && char.IsLetter(composed[i + 1]) && composed[i + 2] == '{')
            {
                i++;
            }
            else if (ch is not ('{' or '}'))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
