namespace ResearchBot.Core.Commands.Subscribe;

/// <summary>
/// Behind the "Alert me about papers like this" button (<c>/paper</c>, <c>/similar</c>) and <c>/subscriptions</c>'
/// "Remove example" menu: <c>alertlike PAPER</c> creates or extends a <c>like:</c> alert of the channel;
/// <c>alertlike PAPER remove:ID</c> removes the paper from alert ID's examples. Button-only: not a slash command.
/// </summary>
public sealed class LikeThisCommand(LikeSubscriber likes) : ICommand
{
    public const string Name = "alertlike";

    public CommandSpec Spec { get; } = new(Name, "Alert this channel about papers like this one",
    [
        new ParameterSpec("paper", "The example paper: an arXiv id or link, a DOI, or #N") { Rest = true, Required = true, MaxLength = 200, Example = "2401.12345" },
        new ParameterSpec("remove", "Remove the paper from this alert's examples instead") { Kind = ParameterKind.Integer, MinValue = 1 },
    ])
    {
        RequiresChannelAdmin = true,
        ButtonOnly = true,
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (ChannelRights.Check(context, Spec) is { } refused)
        {
            return refused;
        }

        var paper = arguments.GetString("paper")!.Trim();
        return arguments.GetInt64("remove") is { } id
            ? await likes.RemoveExampleAsync(context, id, paper, cancellationToken)
            : await likes.AddExampleAsync(context, paper, cancellationToken);
    }

    /// <summary>The button's payload for a paper; null when it would not fit.</summary>
    public static string? PayloadFor(Papers.Paper paper) =>
        new Actions.ActionPayload(Actions.ActionTarget.NewMessage, new CommandInput.Text(Name, Actions.ResultActions.Reference(paper))).Encode();

    /// <summary>The "Remove example" choice's payload; null when it would not fit.</summary>
    public static string? RemovePayload(long subscriptionId, Papers.Paper paper) =>
        new Actions.ActionPayload(Actions.ActionTarget.NewMessage, new CommandInput.Text(Name, $"{Actions.ResultActions.Reference(paper)} remove:{subscriptionId}")).Encode();
}
