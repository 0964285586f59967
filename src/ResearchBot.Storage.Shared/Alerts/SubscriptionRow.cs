using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Shared;

internal sealed class SubscriptionRow
{
    public const string Columns = "id, platform, workspace, channel, query, mode, digest_at, time_zone, created_by, created_at, start_after_seq, match_count, last_delivered_at, disabled_at, disabled_reason, per_week, max_shown";

    public long Id { get; set; }
    public string Platform { get; set; } = "";
    public string Workspace { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Query { get; set; } = "";
    public long Mode { get; set; }
    public string Digest_At { get; set; } = "09:00";
    public string Time_Zone { get; set; } = "UTC";
    public string Created_By { get; set; } = "";
    public long Created_At { get; set; }
    public long Start_After_Seq { get; set; }
    public long Match_Count { get; set; }
    public long? Last_Delivered_At { get; set; }
    public long? Disabled_At { get; set; }
    public string? Disabled_Reason { get; set; }
    public double? Per_Week { get; set; }
    public long? Max_Shown { get; set; }

    public AlertSubscription ToSubscription() => new()
    {
        Id = Id,
        Channel = new ChannelAddress(Platform, Workspace, Channel),
        Query = Query,
        Mode = (AlertMode)Mode,
        DigestAt = TimeOnly.TryParseExact(Digest_At, "HH:mm", out var at) ? at : new TimeOnly(9, 0),
        TimeZone = Time_Zone,
        CreatedBy = Created_By,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Created_At),
        StartAfterSeq = Start_After_Seq,
        MatchCount = Match_Count,
        LastDeliveredAt = Last_Delivered_At is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null,
        DisabledAt = Disabled_At is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null,
        DisabledReason = Disabled_Reason,
        PerWeek = Per_Week,
        MaxShown = Max_Shown is { } m ? (int)m : null,
    };
}
