using ResearchBot.Core.Messaging;

namespace ResearchBot.Core.Alerts;

/// <summary>What <c>/subscribe</c> asks the store to create.</summary>
public sealed record NewAlertSubscription(ChannelAddress Channel, string Query, AlertMode Mode, TimeOnly DigestAt, string TimeZone, string CreatedBy);
