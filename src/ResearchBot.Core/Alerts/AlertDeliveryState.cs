namespace ResearchBot.Core.Alerts;

/// <summary>Where one (channel, paper) alert is in the outbox. Stored as its number; never renumber.</summary>
public enum AlertDeliveryState
{
    /// <summary>Waiting for its due time (and its next attempt time after a failure).</summary>
    Pending = 0,

    /// <summary>Claimed under a message key and handed to the platform; if the process dies now the send may or may not have happened.</summary>
    Sending = 1,

    /// <summary>The platform accepted the message.</summary>
    Sent = 2,

    /// <summary>Given up: the platform refused permanently or the attempts ran out.</summary>
    Failed = 3,

    /// <summary>A send was interrupted (crash, timeout) and the platform cannot de-duplicate: it is not repeated, so it was delivered at most once.</summary>
    Uncertain = 4,

    /// <summary>Withdrawn before sending: the subscription was removed or the channel was disabled.</summary>
    Cancelled = 5,

    /// <summary>A send was interrupted; it will be repeated under the same message key to a platform that drops repeats.</summary>
    Resend = 6,
}
