namespace ResearchBot.Core.Commands;

/// <summary>
/// The channel-management rule. The dispatcher enforces it for every <see cref="CommandSpec.RequiresChannelAdmin"/>
/// command; commands that change channel state check it again, so a caller that skips the dispatcher still cannot
/// change another channel's settings.
/// </summary>
public static class ChannelRights
{
    public static string Refusal(CommandSpec spec) =>
        $"`/{spec.Name}` changes this channel's settings, which needs the right to manage the channel.";

    /// <summary>A usage error when the user may not change channel settings; null when they may.</summary>
    public static CommandResult? Check(CommandContext context, CommandSpec spec) =>
        context.CanManageChannel ? null : CommandResult.Usage(Refusal(spec));
}
