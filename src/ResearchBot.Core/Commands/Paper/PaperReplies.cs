using System.Collections.Immutable;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Replies;
using PaperModel = ResearchBot.Core.Papers.Paper;

namespace ResearchBot.Core.Commands.Paper;

public static class PaperReplies
{
    public static Reply Card(PaperModel paper, bool fetched = false)
    {
        var fields = ImmutableArray.CreateBuilder<ReplyField>();
        if (!paper.Authors.IsDefaultOrEmpty)
        {
            fields.Add(new ReplyField("Authors", PaperFormatting.Authors(paper, 8), Inline: false));
        }

        if (PaperFormatting.Date(paper) is { } date)
        {
            fields.Add(new ReplyField("Published", date));
        }

        if (!paper.Categories.IsDefaultOrEmpty)
        {
            fields.Add(new ReplyField("Categories", string.Join(", ", paper.Categories)));
        }

        if (!string.IsNullOrWhiteSpace(paper.Venue))
        {
            fields.Add(new ReplyField("Venue", paper.Venue));
        }

        if (paper.Citations is { } c)
        {
            fields.Add(new ReplyField("Citations", PaperFormatting.Compact(c)));
        }

        if (paper.Upvotes is { } u)
        {
            fields.Add(new ReplyField("Upvotes", u.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var ids = new List<string>();
        if (paper.ArxivId is not null)
        {
            ids.Add("arXiv:" + paper.ArxivId + (paper.ArxivVersion is { } v ? $"v{v}" : ""));
        }

        if (paper.Doi is not null)
        {
            ids.Add("doi:" + paper.Doi);
        }

        return new Reply
        {
            Title = paper.Title,
            TitleUrl = paper.BestUrl,
            Body = PaperFormatting.Snippet(paper.Abstract, 1200) ?? "(no abstract)",
            Fields = fields.ToImmutable(),
            Footer = string.Join(" · ", ids.Append("sources: " + string.Join(", ", paper.Sources)).Append(fetched ? "just fetched from arXiv" : "")
                .Where(s => s.Length > 0)),
            Actions = ActionsFor(paper),
        };
    }

    /// <summary>"Similar papers" as a new message, and links to the paper's pages.</summary>
    private static ImmutableArray<ReplyAction> ActionsFor(PaperModel paper)
    {
        var actions = ImmutableArray.CreateBuilder<ReplyAction>();
        if (ResultActions.SimilarTo(paper) is { } similar)
        {
            actions.Add(ReplyAction.Button("Similar papers", similar, "similar"));
        }

        if (Subscribe.LikeThisCommand.PayloadFor(paper) is { } alert)
        {
            actions.Add(ReplyAction.Button(Similar.SimilarReplies.AlertMeLabel, alert, "alert"));
        }

        if (paper.ArxivId is not null)
        {
            actions.Add(ReplyAction.Link("arXiv", Papers.ArxivId.AbsUrlOf(paper.ArxivId)));
            actions.Add(ReplyAction.Link("PDF", Papers.ArxivId.PdfUrlOf(paper.ArxivId)));
        }
        else if (paper.BestUrl is { } url)
        {
            actions.Add(ReplyAction.Link(paper.Doi is not null ? "DOI" : "Link", url));
        }

        return actions.ToImmutable();
    }

    /// <summary>A short list to pick from when a title matches several papers.</summary>
    public static Reply Choose(ImmutableArray<PaperModel> candidates, string query, string command) => new()
    {
        Title = $"Several papers match \"{query}\"",
        Body = $"Which one? Run `/{command}` again with its id or exact title.",
        Papers = [.. candidates.Select(p => PaperFormatting.ToItem(p))],
        Visibility = ReplyVisibility.Private,
        Kind = ReplyKind.Info,
    };
}
