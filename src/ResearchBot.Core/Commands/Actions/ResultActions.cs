using System.Collections.Immutable;
using ResearchBot.Core.Replies;
using PaperModel = ResearchBot.Core.Papers.Paper;

namespace ResearchBot.Core.Commands.Actions;

/// <summary>The actions under a list of papers: the next page in place, and papers similar to any one shown.</summary>
public static class ResultActions
{
    /// <summary>The <c>page</c> parameter that list commands share.</summary>
    public static ParameterSpec PageParameter { get; } =
        new("page", $"Which page of results (1–{MaxPage})") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = MaxPage };

    /// <summary>Lists go at most this deep (50 papers at the default 8 a page): past that, a narrower query helps more.</summary>
    public const int MaxResults = 50;

    public const int MaxPage = 10;

    /// <summary>The page asked for, and how many results to fetch to cut it out of (pages before it included).</summary>
    public static (int Page, int Fetch) Window(CommandArguments arguments, int limit)
    {
        var page = (int)Math.Clamp(arguments.GetInt64("page") ?? 1, 1, MaxPage);
        return (page, Math.Min(page * limit, MaxResults));
    }

    /// <summary>
    /// "More" when a further page may exist (this one was full and the next stays within <see cref="MaxResults"/>),
    /// and "Similar to…" listing the shown papers. Each is left out when its payload would not fit.
    /// </summary>
    public static ImmutableArray<ReplyAction> For(CommandSpec spec, CommandArguments arguments, int page, int limit, IReadOnlyList<PaperModel> shown)
    {
        var actions = ImmutableArray.CreateBuilder<ReplyAction>();
        if (shown.Count == limit && (page + 1) * limit <= MaxResults && page < MaxPage)
        {
            var next = arguments.Values.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.OrdinalIgnoreCase);
            next["page"] = (long)(page + 1);
            if (ActionPayload.For(ActionTarget.UpdateMessage, spec, next) is { } more)
            {
                actions.Add(ReplyAction.Button("More", more, "more"));
            }
        }

        if (SimilarMenu(shown) is { } menu)
        {
            actions.Add(menu);
        }

        return actions.ToImmutable();
    }

    /// <summary>
    /// "Similar to…": a menu of the numbered papers (at most <see cref="ReplyAction.MaxChoices"/>) that posts
    /// <c>/similar</c> for the one picked; null when no paper's reference fits.
    /// </summary>
    public static ReplyAction? SimilarMenu(IEnumerable<PaperModel> papers)
    {
        var choices = papers.Take(ReplyAction.MaxChoices).Select((p, i) => (Paper: p, Number: i + 1))
            .Select(x => SimilarTo(x.Paper) is { } payload
                ? new ReplyChoice(Cut($"{x.Number}. {x.Paper.Title}", 100), payload, Cut(PaperFormatting.Meta(x.Paper), 100), x.Number)
                : null)
            .OfType<ReplyChoice>()
            .ToList();
        return choices.Count > 0 ? ReplyAction.Select("Similar to…", choices, "similar") : null;
    }

    /// <summary>"Similar papers" for one paper, as a new message; null when its reference would not fit.</summary>
    public static string? SimilarTo(PaperModel paper) =>
        new ActionPayload(ActionTarget.NewMessage, new CommandInput.Text("similar", Reference(paper))).Encode();

    /// <summary>
    /// How a button names a paper: its arXiv id, its DOI, else the index's own number (<c>#123</c>, see
    /// <see cref="Papers.PaperResolver.IndexNumber"/>), which fits where a title would not.
    /// </summary>
    public static string Reference(PaperModel paper) =>
        paper.ArxivId ?? paper.Doi ?? "#" + paper.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
