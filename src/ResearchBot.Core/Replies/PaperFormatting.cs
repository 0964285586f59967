using System.Globalization;
using Humanizer;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Replies;

/// <summary>How papers and numbers read in replies, shared by every command.</summary>
public static class PaperFormatting
{
    /// <summary>A list item for a paper: linked title and "A, B et al. · 2017 · q-bio.QM · 1.2K citations".</summary>
    public static PaperItem ToItem(Paper paper, string? why = null, int snippetLength = 0) =>
        new(paper.Title, paper.BestUrl, Meta(paper), Snippet(paper.Abstract, snippetLength), why, paper.Id);

    public static string Meta(Paper paper)
    {
        var parts = new List<string>();
        if (!paper.Authors.IsDefaultOrEmpty)
        {
            parts.Add(Authors(paper));
        }

        if (Date(paper) is { } date)
        {
            parts.Add(date);
        }

        if (paper.PrimaryCategory is { } cat)
        {
            parts.Add(cat);
        }

        if (!string.IsNullOrWhiteSpace(paper.Venue) && !string.Equals(paper.Venue, "arXiv", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add(paper.Venue);
        }

        if (paper.Citations is > 0)
        {
            parts.Add(Count(paper.Citations.Value, "citation"));
        }

        if (paper.Upvotes is > 0)
        {
            parts.Add(Count(paper.Upvotes.Value, "upvote"));
        }

        return string.Join(" · ", parts);
    }

    public static string Authors(Paper paper, int max = 3)
    {
        var shown = paper.Authors.Take(max).ToList();
        var more = paper.Authors.Length > max || paper.AuthorsTruncated;
        return more ? string.Join(", ", shown) + " et al." : string.Join(", ", shown);
    }

    public static string? Date(Paper paper) => paper.Published switch
    {
        null => null,
        { } d when paper.PublishedYearOnly => d.Year.ToString(CultureInfo.InvariantCulture),
        { } d => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>"1 paper", "24 papers", "1.2K citations".</summary>
    public static string Count(long n, string noun) =>
        n < 1000 ? noun.ToQuantity(n) : $"{Compact(n)} {noun.Pluralize()}";

    /// <summary>1234 → "1.2K", 2_500_000 → "2.5M".</summary>
    public static string Compact(long n) => n switch
    {
        < 1000 => n.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (n / 1000d).ToString(n < 10_000 ? "0.#" : "0", CultureInfo.InvariantCulture) + "K",
        _ => (n / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + "M",
    };

    /// <summary>"3 days ago", "2 months ago", relative to <paramref name="now"/>.</summary>
    public static string Ago(DateTimeOffset when, DateTimeOffset now) =>
        when.Humanize(now, CultureInfo.InvariantCulture);

    public static string? Snippet(string? text, int length)
    {
        if (length <= 0 || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var clean = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length <= length)
        {
            return clean;
        }

        var cut = clean.LastIndexOf(' ', length - 1);
        return string.Concat(clean.AsSpan(0, cut > length / 2 ? cut : length - 1), "…");
    }
}
