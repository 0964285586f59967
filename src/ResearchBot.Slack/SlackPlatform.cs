namespace ResearchBot.Slack;

/// <summary>The Slack platform's name in <see cref="Core.Messaging.ChannelAddress"/>: Workspace = team_id, Channel = channel_id.</summary>
public static class SlackPlatform
{
    public const string Name = "slack";
}
