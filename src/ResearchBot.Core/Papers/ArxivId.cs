using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ResearchBot.Core.Papers;

/// <summary>
/// An arXiv identifier, new scheme (<c>2401.12345v2</c>) or old (<c>hep-th/9901001</c>, <c>math.CA/0611800v2</c>).
/// <see cref="Id"/> is versionless and canonical: the old scheme's subject class is dropped (<c>math/0611800</c>).
/// </summary>
public sealed partial record ArxivId(string Id, int? Version)
{
    public override string ToString() => Version is { } v ? $"{Id}v{v}" : Id;

    /// <summary>The abstract page of the latest version.</summary>
    public string AbsUrl => AbsUrlOf(Id);

    /// <summary>The abstract page of a versionless arXiv id.</summary>
    public static string AbsUrlOf(string versionlessId) => $"https://arxiv.org/abs/{versionlessId}";

    /// <summary>The latest version's PDF.</summary>
    public static string PdfUrlOf(string versionlessId) => $"https://arxiv.org/pdf/{versionlessId}";

    /// <summary>Parses a bare id (optionally prefixed with <c>arXiv:</c>); rejects anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ArxivId? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[6..];
        }

        var m = NewScheme().Match(s);
        if (m.Success)
        {
            var yymm = int.Parse(m.Groups["yy"].Value + m.Groups["mm"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var digits = m.Groups["num"].Value.Length;
            // 4 digits from 0704 to 1412, 5 digits from 1501 on; the new scheme starts at 0704.
            var valid = yymm >= 704 && ((yymm <= 1412 && digits == 4) || (yymm >= 1501 && digits == 5));
            if (!valid)
            {
                return false;
            }

            id = new ArxivId($"{m.Groups["yy"].Value}{m.Groups["mm"].Value}.{m.Groups["num"].Value}", ParseVersion(m.Groups["v"].Value));
            return true;
        }

        m = OldScheme().Match(s);
        if (m.Success)
        {
            id = new ArxivId($"{m.Groups["arch"].Value.ToLowerInvariant()}/{m.Groups["num"].Value}", ParseVersion(m.Groups["v"].Value));
            return true;
        }

        return false;
    }

    private static int? ParseVersion(string v) =>
        v.Length > 1 && int.TryParse(v.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    [GeneratedRegex(@"^(?<yy>\d{2})(?<mm>0[1-9]|1[0-2])\.(?<num>\d{4,5})(?<v>v\d+)?$")]
    private static partial Regex NewScheme();

    [GeneratedRegex(@"^(?<arch>[a-zA-Z\-]+)(?:\.[A-Za-z]{2})?/(?<num>\d{7})(?<v>v\d+)?$")]
    private static partial Regex OldScheme();
}
