using System.Text.RegularExpressions;

namespace ResearchBot.Core.Papers;

/// <summary>
/// DOIs as the bot keys them, for pasted references and stored records alike: without a resolver prefix
/// (<c>https://doi.org/</c>, <c>dx.doi.org</c>, <c>doi:</c>) or trailing sentence punctuation, lower-cased
/// (DOIs are case-insensitive), and only when they have the <c>10.NNNN/suffix</c> shape.
/// </summary>
public static partial class DoiText
{
    private static readonly string[] Prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"];

    /// <summary>The normalised DOI, or null when <paramref name="raw"/> is not one.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var d = raw.Trim();
        foreach (var prefix in Prefixes)
        {
            if (d.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                d = d[prefix.Length..].Trim();
                break;
            }
        }

        d = d.TrimEnd('.', ',', ';');
        return Shape().IsMatch(d) ? d.ToLowerInvariant() : null;
    }

    /// <summary>True when the text is a bare DOI (<c>10.NNNN/…</c>, no prefix).</summary>
    public static bool IsBare(string s) => Shape().IsMatch(s);

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex Shape();
}
