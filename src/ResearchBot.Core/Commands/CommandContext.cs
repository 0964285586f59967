using ResearchBot.Core.Messaging;

namespace ResearchBot.Core.Commands;

/// <summary>Who asked, where, and what they may do there.</summary>
/// <param name="Channel">The channel the command came from.</param>
/// <param name="UserId">The platform's user id.</param>
/// <param name="CanManageChannel">
/// Whether the user holds the platform's channel-management right, as the adapter established it server-side
/// (Discord: MANAGE_CHANNELS or ADMINISTRATOR in <c>member.permissions</c>; Slack: the admin allow-list).
/// </param>
public sealed record CommandContext(ChannelAddress Channel, string UserId, bool CanManageChannel)
{
    /// <summary>A correlation id for logs and error replies.</summary>
    public string CorrelationId { get; init; } = Guid.NewGuid().ToString("N")[..12];
}
