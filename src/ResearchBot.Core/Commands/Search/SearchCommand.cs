using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Search;

/// <summary><c>/search QUERY [limit:N]</c>: keyword search over titles and abstracts, best first.</summary>
public sealed class SearchCommand(IPaperIndex index) : ICommand
{
    public CommandSpec Spec { get; } = new("search", "Find papers by keywords in their title and abstract",
        [
            new ParameterSpec("query", "Keywords; \"quoted phrases\" match exactly") { Rest = true, Required = true, MaxLength = 300, Example = "spiking neural networks" },
            new ParameterSpec("limit", "How many papers to show (1–25)") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
        ])
    {
        Quick = true,
        Examples = ["/search neural data analysis", "/search \"causal inference\" limit:10"],
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var query = arguments.GetString("query")!;
        var limit = (int)(arguments.GetInt64("limit") ?? 8);
        var hits = await index.SearchAsync(query, limit, cancellationToken);
        if (hits.Count == 0)
        {
            return CommandResult.Missing($"No papers match \"{query}\". Try fewer or broader words.");
        }

        return CommandResult.Ok(new Reply
        {
            Title = $"Papers matching \"{query}\"",
            Papers = [.. hits.Select(h => PaperFormatting.ToItem(h.Paper, snippetLength: 160))],
            Footer = $"Top {hits.Count} by relevance · /paper ID for details · /similar ID for related work",
        });
    }
}
