namespace ResearchBot.Core.Messaging;

/// <summary>
/// Where a conversation happens: the platform (<c>discord</c>, <c>slack</c>, <c>console</c>), the workspace or
/// guild, and the channel. Subscriptions and deliveries are scoped by all three.
/// </summary>
public sealed record ChannelAddress(string Platform, string Workspace, string Channel)
{
    public override string ToString() => $"{Platform}:{Workspace}/{Channel}";
}
