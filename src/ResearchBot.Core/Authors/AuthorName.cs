using System.Collections.Immutable;
using ResearchBot.Core.Text;

namespace ResearchBot.Core.Authors;

/// <summary>
/// A person's name split and folded for matching. <c>Konrad P. Kording</c>, <c>K. Kording</c>,
/// <c>Körding, Konrad</c> and <c>Kording</c> all share the surname key <c>kording</c>; given names are kept
/// as folded words so that a full name and an initial can be compared (<see cref="IsCompatibleWith"/>).
/// </summary>
public sealed record AuthorName(string Display, string Surname, ImmutableArray<string> Given)
{
    private static readonly HashSet<string> Suffixes = ["jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "sj"];

    /// <summary>First given name (folded), or null when only the surname is known.</summary>
    public string? FirstGiven => Given.IsDefaultOrEmpty ? null : Given[0];

    /// <summary>First initial, or null.</summary>
    public char? FirstInitial => FirstGiven is { Length: > 0 } g ? g[0] : null;

    /// <summary>A canonical key that folds case, diacritics, punctuation and middle names: <c>kording k</c>.</summary>
    public string Key => FirstInitial is { } i ? $"{Surname} {i}" : Surname;

    /// <summary>Parses "Given Middle Surname", "Surname, Given" and initials; returns null for names with no letters.</summary>
    public static AuthorName? Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var display = CollapseSpaces(TextFold.Untex(name).Trim());
        string[] surnameWords;
        string[] givenWords;
        var comma = display.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && comma < display.Length - 1 && !IsSuffixOnly(display[(comma + 1)..]))
        {
            surnameWords = TextFold.Words(display[..comma]);
            givenWords = TextFold.Words(display[(comma + 1)..]);
        }
        else
        {
            var words = TextFold.Words(display).Where(w => !Suffixes.Contains(w)).ToArray();
            if (words.Length == 0)
            {
                return null;
            }

            // "Kording K" / "Kording KP" (surname first, initials after) is common in bibliographic data.
            if (words.Length == 2 && words[1].Length <= 2 && words[0].Length > 2 && display.Split(' ')[^1].All(char.IsUpper) && display.Split(' ')[^1].Length <= 2)
            {
                surnameWords = [words[0]];
                givenWords = words[1].Select(c => c.ToString()).ToArray();
            }
            else
            {
                var surnameStart = words.Length - 1;
                // Particles belong to the surname: "van der Meer", "de la Cruz".
                while (surnameStart > 1 && IsParticle(words[surnameStart - 1]))
                {
                    surnameStart--;
                }

                surnameWords = words[surnameStart..];
                givenWords = words[..surnameStart];
            }
        }

        surnameWords = surnameWords.Where(w => !Suffixes.Contains(w)).ToArray();
        givenWords = givenWords.Where(w => !Suffixes.Contains(w)).ToArray();
        if (surnameWords.Length == 0)
        {
            return null;
        }

        return new AuthorName(display, string.Concat(surnameWords), [.. givenWords]);
    }

    /// <summary>
    /// True when nothing contradicts the two names being one person: same surname, and given names that agree
    /// as far as both are known (an initial agrees with any name that starts with it; a missing name agrees with all).
    /// </summary>
    public bool IsCompatibleWith(AuthorName other)
    {
        if (!string.Equals(Surname, other.Surname, StringComparison.Ordinal))
        {
            return false;
        }

        if (FirstGiven is not { } a || other.FirstGiven is not { } b)
        {
            return true;
        }

        return GivenAgree(a, b);
    }

    private static bool GivenAgree(string a, string b)
    {
        if (a.Length == 1 || b.Length == 1)
        {
            return a[0] == b[0];
        }

        return string.Equals(a, b, StringComparison.Ordinal);
    }

    private static bool IsParticle(string w) => w is "van" or "von" or "der" or "den" or "de" or "del" or "della" or "di" or "da" or "la" or "le" or "du" or "dos" or "das" or "ter" or "ten" or "bin" or "al" or "el";

    private static bool IsSuffixOnly(string s) => TextFold.Words(s).All(Suffixes.Contains);

    private static string CollapseSpaces(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
