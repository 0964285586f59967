using System.Globalization;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Similarity;
using PaperModel = ResearchBot.Core.Papers.Paper;

namespace ResearchBot.Core.Commands.Similar;

public static class SimilarReplies
{
    /// <summary>The button that creates or extends a <c>like:</c> alert of the channel with the paper shown.</summary>
    public const string AlertMeLabel = "Alert me about papers like this";

    public static CommandResult ForPaper(PaperModel paper, bool fetched, SimilarityQuery query, SimilarityResult result, ResultPage? page = null) =>
        Build($"Papers similar to \"{paper.Title}\"", paper.BestUrl, query, result, fetched ? "just fetched from arXiv" : null, page ?? ResultPage.First, paper);

    public static CommandResult ForDescription(string text, SimilarityQuery query, SimilarityResult result, ResultPage? page = null) =>
        Build($"Papers matching your description \"{Shorten(text, 80)}\"", null, query, result, "no paper has that title, so it was read as a description", page ?? ResultPage.First);

    private static CommandResult Build(string title, string? url, SimilarityQuery query, SimilarityResult result, string? note, ResultPage page, PaperModel? source = null)
    {
        switch (result.Status)
        {
            case SimilarityStatus.NotReady:
                return CommandResult.Missing("The similarity index is still being built. Try again in a minute.");
            case SimilarityStatus.NoKnownTerms:
                return CommandResult.Missing("None of those words occur in the indexed papers, so I cannot tell what is similar. Try a paper link or other words.");
        }

        if (result.Neighbours.IsDefaultOrEmpty && page.Number > 1)
        {
            return CommandResult.Missing($"No more similar papers after page {page.Number - 1}.");
        }

        if (result.Neighbours.IsDefaultOrEmpty)
        {
            return CommandResult.Missing(Filters(query) is { Length: > 0 } f
                ? $"No similar papers match the filters ({f}). Try a wider filter."
                : "No similar papers found.");
        }

        var footer = new List<string> { $"{result.Engine} · similarity is cosine (1 = same topic)" };
        if (page.Number > 1)
        {
            footer.Insert(0, $"page {page.Number}");
        }

        if (Filters(query) is { Length: > 0 } filters)
        {
            footer.Add(filters);
        }

        if (note is not null)
        {
            footer.Add(note);
        }

        if (result.Note is not null)
        {
            footer.Add(result.Note);
        }

        return CommandResult.Ok(new Reply
        {
            Title = title,
            TitleUrl = url,
            PapersHeading = "Most similar",
            Papers = [.. result.Neighbours.Select(n => PaperFormatting.ToItem(n.Paper, Why(n)))],
            Footer = string.Join(" · ", footer),
            Actions = source is not null && Subscribe.LikeThisCommand.PayloadFor(source) is { } alert
                ? page.Actions(result).Add(ReplyAction.Button(AlertMeLabel, alert, "alert"))
                : page.Actions(result),
        });
    }

    /// <summary>"0.82 · shared: spiking networks, surrogate gradient".</summary>
    public static string Why(SimilarPaper neighbour)
    {
        var score = neighbour.Score.ToString("0.00", CultureInfo.InvariantCulture);
        return neighbour.SharedTerms.IsDefaultOrEmpty ? score : $"{score} · shared: {string.Join(", ", neighbour.SharedTerms)}";
    }

    private static string Filters(SimilarityQuery query)
    {
        var parts = new List<string>();
        if (query.SinceYear is { } y)
        {
            parts.Add($"since {y}");
        }

        if (query.Category is { } c)
        {
            parts.Add($"category {c}");
        }

        return string.Join(", ", parts);
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max - 1), "…");
}
