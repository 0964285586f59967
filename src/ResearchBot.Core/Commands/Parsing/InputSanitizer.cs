using System.Globalization;
using System.Text;

namespace ResearchBot.Core.Commands.Parsing;

/// <summary>Cleans user text before parsing: NFC, no control, bidi-override or zero-width characters, one line.</summary>
public static class InputSanitizer
{
    /// <summary>Longest command text accepted, in characters.</summary>
    public const int MaxInputLength = 2000;

    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            var cat = Rune.GetUnicodeCategory(rune);
            if (rune.Value is '\n' or '\r' or '\t' || cat == UnicodeCategory.SpaceSeparator)
            {
                sb.Append(' ');
                continue;
            }

            if (cat is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue; // zero-width joiners, bidi overrides (U+202E), NULs and the like
            }

            sb.Append(rune.ToString());
        }

        return sb.ToString().Trim();
    }
}
