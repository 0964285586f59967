using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;

namespace ResearchBot.Storage.Shared;

/// <summary>Identity rules: versionless arXiv id, else DOI (normalised by <see cref="DoiText"/>), else a normalised-title key.</summary>
internal static class PaperIdentity
{
    /// <summary>Titles shorter than this (folded) are too generic to merge papers on ("Introduction").</summary>
    public const int MinMergeableTitleKey = 16;

    public static string TitleKey(string title) => TextFold.Fold(title);

    public static string PublicId(string? arxivId, string? doi, string titleKey) =>
        arxivId ?? (doi is not null ? "doi:" + doi : "t:" + ShortHash(titleKey));

    /// <summary>A stable 12-hex-digit key for a folded title (FNV-1a 64).</summary>
    public static string ShortHash(string s)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in s)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[..12];
    }

    public static string? NormalizeArxiv(string? id) =>
        id is not null && ArxivId.TryParse(id, out var parsed) ? parsed.Id : null;
}
