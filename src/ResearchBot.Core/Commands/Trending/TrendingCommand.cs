using ResearchBot.Core.Papers;
using ResearchBot.Core.Trending;

namespace ResearchBot.Core.Commands.Trending;

/// <summary><c>/trending [day|week]</c>: the papers people upvote most on Hugging Face daily papers.</summary>
public sealed class TrendingCommand(ITrendingPapers trending) : ICommand
{
    public CommandSpec Spec { get; } = new("trending", "Most upvoted papers today or this week (Hugging Face daily papers)",
        [
            new ParameterSpec("window", "day (default) or week") { Rest = true, Choices = ["day", "week"], Example = "week" },
            new ParameterSpec("limit", "How many papers to show (1–25)") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
        ])
    {
        Examples = ["/trending", "/trending week limit:5"],
        Details = "Hugging Face curates the list by hand and publishes on weekdays; an empty day falls back to the previous one.",
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var window = string.Equals(arguments.GetString("window"), "week", StringComparison.OrdinalIgnoreCase) ? TrendingWindow.Week : TrendingWindow.Day;
        var limit = (int)(arguments.GetInt64("limit") ?? 10);
        IReadOnlyList<TrendingPaper> papers;
        try
        {
            papers = await trending.GetAsync(window, limit, cancellationToken);
        }
        catch (PaperSourceUnavailableException ex)
        {
            return CommandResult.Ok(Replies.Reply.Error(ex.Message));
        }

        return papers.Count == 0
            ? CommandResult.Missing(TrendingReplies.Empty(window))
            : CommandResult.Ok(TrendingReplies.List(window, papers));
    }
}
