using ResearchBot.Core.Messaging;

namespace ResearchBot.Core.Alerts;

/// <summary>One outbox row: a paper to announce in a channel because a subscription matched it.</summary>
public sealed record PendingAlert
{
    public required long Id { get; init; }
    public required ChannelAddress Channel { get; init; }
    public required long PaperSeq { get; init; }
    public required long SubscriptionId { get; init; }
    public required string SubscriptionQuery { get; init; }
    public required AlertMode Mode { get; init; }
    public required double Score { get; init; }

    /// <summary>The matched terms, for "why it is here".</summary>
    public required string Why { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required AlertDeliveryState State { get; init; }
    public int Attempts { get; init; }

    /// <summary>The key of the message the row was (last) claimed into; stable across a resend.</summary>
    public string? MessageKey { get; init; }

    /// <summary>The subscription's digest cap (<c>max:N</c>); null for the configured default.</summary>
    public int? MaxShown { get; init; }

    /// <summary>When the row was last claimed for sending (the first attempt of its current message key).</summary>
    public DateTimeOffset? ClaimedAt { get; init; }
}
