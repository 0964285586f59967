using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Paper;

/// <summary><c>/paper ID-OR-LINK-OR-TITLE</c>: one paper's card.</summary>
public sealed class PaperCommand(PaperResolver resolver) : ICommand
{
    public CommandSpec Spec { get; } = new("paper", "Show one paper: from an arXiv id, a link, a DOI or its title",
        [new ParameterSpec("paper", "An arXiv id or link, a DOI, or the paper's title") { Rest = true, Required = true, MaxLength = 500, Example = "2401.12345" }])
    {
        Examples = ["/paper 2401.12345", "/paper https://arxiv.org/abs/1706.03762v7", "/paper Compiling to recurrent neurons"],
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var input = arguments.GetString("paper")!;
        return await resolver.ResolveAsync(input, cancellationToken) switch
        {
            PaperResolution.Found f => CommandResult.Ok(PaperReplies.Card(f.Paper, f.Fetched)),
            PaperResolution.Ambiguous a => CommandResult.Ok(PaperReplies.Choose(a.Candidates, a.Query, "paper")),
            PaperResolution.NotFound n => CommandResult.Missing(n.Message + (n.FreeText is null ? "" : " Try `/search` with a few keywords.")),
            PaperResolution.Invalid i => CommandResult.Usage(i.Message),
            _ => CommandResult.Usage("I could not read that."),
        };
    }
}
