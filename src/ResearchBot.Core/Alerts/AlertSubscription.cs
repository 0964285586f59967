using ResearchBot.Core.Messaging;

namespace ResearchBot.Core.Alerts;

/// <summary>A channel's standing query. Belongs to exactly one (platform, workspace, channel).</summary>
public sealed record AlertSubscription
{
    public required long Id { get; init; }
    public required ChannelAddress Channel { get; init; }

    /// <summary>The query as the user typed it (re-parsed when loaded).</summary>
    public required string Query { get; init; }
    public AlertMode Mode { get; init; } = AlertMode.Instant;

    /// <summary>Local time of day for digests.</summary>
    public TimeOnly DigestAt { get; init; } = new(9, 0);

    /// <summary>IANA time zone of <see cref="DigestAt"/>.</summary>
    public string TimeZone { get; init; } = "UTC";
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The last paper <see cref="Papers.Paper.Seq"/> in the index when the subscription was made: only later papers match (no backlog).</summary>
    public required long StartAfterSeq { get; init; }
    public long MatchCount { get; init; }
    public DateTimeOffset? LastDeliveredAt { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public string? DisabledReason { get; init; }

    /// <summary>A <c>like:</c> subscription's target volume (<c>per:week:N</c>); null for keyword subscriptions.</summary>
    public double? PerWeek { get; init; }

    /// <summary>At most this many papers in a digest (<c>max:N</c>), the rest as "and N more"; null for the configured default.</summary>
    public int? MaxShown { get; init; }

    /// <summary>Whether the subscription learns from example papers and votes (<c>like:</c>).</summary>
    public bool IsLike => Learning.LikeQuery.IsLike(Query);

    public bool IsActive => DisabledAt is null;
}
