using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Alerts;

/// <summary>A message the deliverer intends to send: its rows, and the key it had if it is a resend.</summary>
internal sealed record PlannedMessage(ChannelAddress Channel, IReadOnlyList<PendingAlert> Rows, bool IsDigest, string? ResendKey);
