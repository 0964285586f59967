using System.Text;

namespace ResearchBot.Core.Text;

/// <summary>
/// The one TeX accent parser: turns accent commands into the accented letter (<c>Bal\'azs</c> → <c>Balázs</c>,
/// <c>{\"o}</c> → <c>ö</c>, <c>\v{s}</c> → <c>š</c>, <c>Mart\'{\i}nez</c> → <c>Martínez</c>) and leaves every other
/// backslash alone, so maths in titles (<c>$\alpha$</c>) survives. Importers use it for what they store and show;
/// <see cref="TextFold"/> uses it before folding for matching.
/// </summary>
public static class TexAccents
{
    public static string Compose(string text)
    {
        if (text.IndexOf('\\', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (TryAccent(text, i, out var composed, out var consumed))
            {
                sb.Append(composed);
                i += consumed;
                continue;
            }

            sb.Append(text[i]);
            i++;
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    // Matches {\'a}, \'a, \'{a}, \v{s}, \c c, \o, \ss and friends at position i.
    private static bool TryAccent(string s, int i, out string composed, out int consumed)
    {
        composed = "";
        consumed = 0;
        var start = i;
        var braced = s[i] == '{' && i + 1 < s.Length && s[i + 1] == '\\';
        if (braced)
        {
            i++;
        }

        if (s[i] != '\\' || i + 1 >= s.Length)
        {
            return false;
        }

        var cmd = s[i + 1];
        var j = i + 2;
        string? letter;
        if (Mark(cmd) is { } mark)
        {
            if (j < s.Length && s[j] == ' ' && char.IsLetter(cmd))
            {
                j++;
            }

            if (j < s.Length && s[j] == '{' && j + 2 < s.Length && s[j + 2] == '}' && char.IsLetter(s[j + 1]))
            {
                letter = s[j + 1].ToString();
                j += 3;
            }
            else if (j + 3 < s.Length && s[j] == '{' && s[j + 1] == '\\' && s[j + 2] is 'i' or 'j' && s[j + 3] == '}')
            {
                letter = s[j + 2].ToString(); // \'{\i} → í
                j += 4;
            }
            else if (j < s.Length && (s[j] is 'i' or 'j' || char.IsLetter(s[j])) && (char.IsLetter(cmd) ? s[j - 1] == ' ' : true))
            {
                letter = s[j].ToString();
                j++;
            }
            else if (j + 1 < s.Length && s[j] == '\\' && s[j + 1] is 'i' or 'j' && (j + 2 == s.Length || !char.IsLetter(s[j + 2])))
            {
                letter = s[j + 1].ToString(); // \'\i → í; like any control word, \i eats one space after it
                j += j + 2 < s.Length && s[j + 2] == ' ' ? 3 : 2;
            }
            else
            {
                return false;
            }

            composed = letter + mark;
        }
        else if (Special(s, i + 1, out var special, out var len))
        {
            composed = special;
            j = i + 1 + len;
        }
        else
        {
            return false;
        }

        if (braced)
        {
            if (j < s.Length && s[j] == '}')
            {
                j++;
            }
            else
            {
                return false;
            }
        }

        consumed = j - start;
        return true;
    }

    private static string? Mark(char cmd) => cmd switch
    {
        '\'' => "\u0301",
        '`' => "\u0300",
        '^' => "\u0302",
        '"' => "\u0308",
        '~' => "\u0303",
        '=' => "\u0304",
        '.' => "\u0307",
        'u' => "\u0306",
        'v' => "\u030C",
        'H' => "\u030B",
        'c' => "\u0327",
        'k' => "\u0328",
        'r' => "\u030A",
        'd' => "\u0323",
        'b' => "\u0331",
        _ => null,
    };

    private static bool Special(string s, int at, out string value, out int length)
    {
        foreach (var (name, v) in new[] { ("ss", "ß"), ("ae", "æ"), ("AE", "Æ"), ("oe", "œ"), ("OE", "Œ"), ("aa", "å"), ("AA", "Å"), ("o", "ø"), ("O", "Ø"), ("l", "ł"), ("L", "Ł"), ("i", "ı") })
        {
            var end = at + name.Length;
            if (string.CompareOrdinal(s, at, name, 0, name.Length) == 0 && (end >= s.Length || !char.IsLetter(s[end])))
            {
                value = v;
                length = name.Length + (end < s.Length && s[end] == ' ' ? 1 : 0);
                return true;
            }
        }

        value = "";
        length = 0;
        return false;
    }
}
