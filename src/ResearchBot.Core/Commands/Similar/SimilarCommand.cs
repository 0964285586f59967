using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Core.Text;

namespace ResearchBot.Core.Commands.Similar;

/// <summary>
/// <c>/similar LINK-OR-ID-OR-TITLE [limit:N] [since:YEAR] [cat:CATEGORY]</c>: the papers most similar to one paper,
/// or to a free-text description when the text names no paper.
/// </summary>
public sealed class SimilarCommand(PaperResolver resolver, ISimilarityIndex similarity) : ICommand
{
    /// <summary>
    /// A title list is offered only when the text reads like one of the titles: the title holds this share of the
    /// typed words, and the typed words make up <see cref="TypedShareOfTitle"/> of the title. Otherwise ("spiking
    /// neurons learning rules") the text is a description.
    /// </summary>
    private const double TitleCoverageToAsk = 0.75;

    private const double TypedShareOfTitle = 0.6;

    public CommandSpec Spec { get; } = new("similar", "Papers similar to a paper (link, arXiv id, DOI or title) or to a description",
        [
            new ParameterSpec("paper", "An arXiv/DOI/Hugging Face/alphaXiv link or id, a title, or a short description") { Rest = true, Required = true, MaxLength = 1000, Example = "2401.12345" },
            new ParameterSpec("limit", "How many papers to show (1–25)") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
            new ParameterSpec("since", "Only papers published in or after this year") { Kind = ParameterKind.Integer, MinValue = 1900, MaxValue = 2100 },
            new ParameterSpec("cat", "Only papers in this arXiv category") { MaxLength = 40, Example = "cs.LG" },
            ResultActions.PageParameter,
        ])
    {
        Examples =
        [
            "/similar https://arxiv.org/abs/1706.03762",
            "/similar 2401.12345 limit:10 since:2022",
            "/similar Compiling to linear neurons cat:cs.NE",
            "/similar spiking networks trained with surrogate gradients",
        ],
        Details = "Links are parsed, never fetched blindly; a paper missing from the index is looked up on arXiv when a source is configured. Each result shows its similarity and the terms it shares with your paper.",
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var input = arguments.GetString("paper")!;
        var limit = (int)(arguments.GetInt64("limit") ?? 8);
        var (page, fetch) = ResultActions.Window(arguments, limit);
        var query = new SimilarityQuery(
            fetch,
            (int?)arguments.GetInt64("since"),
            arguments.GetString("cat") is { Length: > 0 } cat ? cat.Trim() : null);
        var pageOf = new ResultPage(page, limit, result => ResultActions.For(Spec, arguments, page, limit, [.. result.Neighbours.Select(n => n.Paper)]));

        switch (await resolver.ResolveAsync(input, cancellationToken))
        {
            case PaperResolution.Found f:
                var result = await similarity.FindSimilarAsync(f.Paper, query, cancellationToken);
                return SimilarReplies.ForPaper(f.Paper, f.Fetched, query, pageOf.Cut(result), pageOf);

            case PaperResolution.Ambiguous a when a.Candidates.Any(p => TextFold.WordCoverage(a.Query, p.Title) >= TitleCoverageToAsk && TextFold.WordCoverage(p.Title, a.Query) >= TypedShareOfTitle):
                return CommandResult.Ok(Paper.PaperReplies.Choose(a.Candidates, a.Query, "similar"));

            case PaperResolution.Ambiguous a:
                return await DescribeAsync(a.Query, query, pageOf, cancellationToken);

            case PaperResolution.NotFound { FreeText: { } text }:
                return await DescribeAsync(text, query, pageOf, cancellationToken);

            case PaperResolution.NotFound n:
                return CommandResult.Missing(n.Message);

            case PaperResolution.Invalid i:
                return CommandResult.Usage(i.Message);

            default:
                return CommandResult.Usage("I could not read that. " + Spec.Usage);
        }
    }

    private async Task<CommandResult> DescribeAsync(string text, SimilarityQuery query, ResultPage page, CancellationToken cancellationToken)
    {
        var result = await similarity.FindByDescriptionAsync(text, query, cancellationToken);
        return SimilarReplies.ForDescription(text, query, page.Cut(result), page);
    }
}
