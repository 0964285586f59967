using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Search;

/// <summary><c>/search QUERY [limit:N] [page:N]</c>: keyword search over titles and abstracts, best first.</summary>
public sealed class SearchCommand(IPaperIndex index) : ICommand
{
    public CommandSpec Spec { get; } = new("search", "Find papers by keywords in their title and abstract",
        [
            new ParameterSpec("query", "Keywords; \"quoted phrases\" match exactly") { Rest = true, Required = true, MaxLength = 300, Example = "spiking neural networks" },
            new ParameterSpec("limit", "How many papers to show (1–25)") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
            ResultActions.PageParameter,
        ])
    {
        Quick = true,
        Examples = ["/search neural data analysis", "/search \"causal inference\" limit:10"],
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var query = arguments.GetString("query")!;
        var limit = (int)(arguments.GetInt64("limit") ?? 8);
        var (page, fetch) = ResultActions.Window(arguments, limit);
        var hits = await index.SearchAsync(query, fetch, cancellationToken);
        var shown = hits.Skip((page - 1) * limit).Take(limit).ToList();
        if (shown.Count == 0)
        {
            return CommandResult.Missing(page == 1
                ? $"No papers match \"{query}\". Try fewer or broader words."
                : $"No more papers match \"{query}\" after page {page - 1}.");
        }

        var first = (page - 1) * limit + 1;
        return CommandResult.Ok(new Reply
        {
            Title = $"Papers matching \"{query}\"",
            Papers = [.. shown.Select(h => PaperFormatting.ToItem(h.Paper, snippetLength: 160))],
            Footer = (page == 1 ? $"Top {shown.Count}" : $"Results {first}–{first + shown.Count - 1}")
                + " by relevance" + Coverage(hits.Partial) + " · /paper ID for details · /similar ID for related work",
            Actions = ResultActions.For(Spec, arguments, page, limit, [.. shown.Select(h => h.Paper)]),
        });
    }

    /// <summary>
    /// Says when only part of the matches were ranked (more matched than the storage's candidate budget): how many
    /// at least, which were ranked, and what to do about it.
    /// </summary>
    internal static string Coverage(SearchCoverage? partial) => partial is null
        ? ""
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $" of the {partial.Ranked:N0} most recently added matches (over {partial.MatchedAtLeast - 1:N0} papers match: add words to narrow)");
}
