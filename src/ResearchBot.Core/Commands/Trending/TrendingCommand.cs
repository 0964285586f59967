using ResearchBot.Core.Papers;
using ResearchBot.Core.Trending;

namespace ResearchBot.Core.Commands.Trending;

/// <summary><c>/trending [day|week]</c>: the papers people upvote most on Hugging Face daily papers.</summary>
public sealed class TrendingCommand(ITrendingPapers trending) : ICommand
{
    public CommandSpec Spec { get; } = new("trending", "Most upvoted papers today or this week",
        [
            new ParameterSpec("window", "day (default) or week") { Rest = true, Choices = ["day", "week"], Example = "week" },
            new ParameterSpec("limit", "How many papers to show (1–25)") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
        ])
    {
        Examples = ["/trending", "/trending week limit:5"],
        Details = "From Hugging Face daily papers when that source is enabled (curated by hand, published on weekdays; an empty day falls back to the previous one); otherwise the most upvoted papers that entered this index in the window.",
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
            ? CommandResult.Missing(TrendingReplies.Empty(window, trending.SourceName))
            : CommandResult.Ok(TrendingReplies.List(window, papers, trending.SourceName));
    }
}
