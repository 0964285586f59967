using System.Globalization;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Trending;

namespace ResearchBot.Core.Commands.Trending;

/// <summary>How <c>/trending</c> answers read.</summary>
public static class TrendingReplies
{
    public static string Empty(TrendingWindow window, string source) =>
        window == TrendingWindow.Day
            ? $"Nothing is trending today in {source} (Hugging Face curates on weekdays). Try `/trending week`."
            : $"Nothing was trending in {source} in the last 7 days.";

    public static Reply List(TrendingWindow window, IReadOnlyList<TrendingPaper> papers, string source) => new()
    {
        Title = window == TrendingWindow.Day ? "Trending papers today" : "Trending papers this week",
        Papers = [.. papers.Select(Item)],
        Footer = $"Source: {source} · upvotes as of now · /paper ID for details",
    };

    private static PaperItem Item(TrendingPaper p)
    {
        var authors = p.Authors.IsDefaultOrEmpty ? null
            : p.Authors.Length <= 2 ? string.Join(", ", p.Authors)
            : $"{p.Authors[0]}, {p.Authors[1]} et al.";
        var meta = string.Join(" · ", new[]
        {
            authors,
            PaperFormatting.Count(p.Upvotes, "upvote"),
            p.Comments > 0 ? PaperFormatting.Count(p.Comments, "comment") : null,
            "featured " + p.FeaturedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }.Where(s => s is not null));
        // An empty Url means the paper has no link (an index paper known only by title); null means "the arXiv page".
        var url = p.Url ?? Papers.ArxivId.AbsUrlOf(p.ArxivId);
        return new PaperItem(p.Title, url.Length == 0 ? null : url, meta, Id: p.ArxivId);
    }
}
