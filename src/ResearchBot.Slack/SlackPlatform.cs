using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Slack;

/// <summary>The Slack platform's name in <see cref="ChannelAddress"/>: Workspace = team_id, Channel = channel_id.</summary>
public static class SlackPlatform
{
    public const string Name = "slack";

    /// <summary>
    /// Who asked, where, and whether they may manage the channel's subscriptions: everyone when
    /// <see cref="SlackOptions.SubscriptionAdmins"/> is empty, else only the users it lists. Used for commands and clicks alike.
    /// </summary>
    public static CommandContext Context(SlackOptions options, string teamId, string channelId, string userId) =>
        new(new ChannelAddress(Name, teamId, channelId), userId,
            CanManageChannel: options.SubscriptionAdmins.Length == 0 || options.SubscriptionAdmins.Contains(userId, StringComparer.Ordinal));
}
