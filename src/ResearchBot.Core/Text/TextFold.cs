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

        var decomposed = StripTex(text).Normalize(NormalizationForm.FormKD);
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

    /// <summary>Removes TeX accent commands such as <c>\'a</c>, <c>{\"o}</c>, <c>\v{s}</c>, keeping the letter.</summary>
    public static string StripTex(string text)
    {
        if (text.IndexOf('\\', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if ("'`^\"~=.".Contains(next, StringComparison.Ordinal) || (char.IsLetter(next) && i + 2 < text.Length && (text[i + 2] == '{' || (next is 'v' or 'u' or 'H' or 'c' or 'k' or 'r' && text[i + 2] == ' '))))
                {
                    i++; // drop the backslash and the accent command letter; braces are dropped below
                    continue;
                }

                if (next is 'o' or 'O' or 'l' or 'L' or 'i' && (i + 2 >= text.Length || !char.IsLetter(text[i + 2])))
                {
                    sb.Append(next switch { 'o' => 'ø', 'O' => 'Ø', 'l' => 'ł', 'L' => 'Ł', _ => 'i' });
                    i++;
                    continue;
                }

                if (next == 's' && i + 2 < text.Length && text[i + 2] == 's')
                {
                    sb.Append('ß');
                    i += 2;
                    continue;
                }
            }

            if (ch is '{' or '}')
            {
                continue;
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }
}
