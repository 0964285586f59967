using ResearchBot.Core.Messaging;

namespace ResearchBot.Core.Alerts;

/// <summary>What <c>/subscribe</c> asks the store to create.</summary>
/// <param name="Examples">A <c>like:</c> subscription's example papers (by <see cref="Papers.Paper.Seq"/>), stored with it in one transaction.</param>
/// <param name="PerWeek">A <c>like:</c> subscription's target weekly volume.</param>
/// <param name="MaxShown">At most this many papers per digest (null: the configured default).</param>
public sealed record NewAlertSubscription(
    ChannelAddress Channel, string Query, AlertMode Mode, TimeOnly DigestAt, string TimeZone, string CreatedBy,
    IReadOnlyList<long>? Examples = null, double? PerWeek = null, int? MaxShown = null);
