using ResearchBot.Core.Messaging;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// Subscriptions and the alert outbox. Every subscription operation is scoped by the full
/// <see cref="ChannelAddress"/>: nothing in one workspace can see or change another's. Matching itself happens in
/// the storage transaction that adds papers, so a match and its paper are committed together.
/// </summary>
public interface IAlertStore
{
    /// <summary>Creates a subscription that matches only papers entering the index from now on.</summary>
    Task<AlertSubscription> AddAsync(NewAlertSubscription subscription, CancellationToken cancellationToken);

    /// <summary>The channel's subscriptions (active and disabled, not removed), oldest first.</summary>
    Task<IReadOnlyList<AlertSubscription>> ListAsync(ChannelAddress channel, CancellationToken cancellationToken);

    /// <summary>Removes the channel's subscription <paramref name="id"/> and cancels its unsent alerts; null when the channel has no such subscription.</summary>
    Task<AlertSubscription?> RemoveAsync(ChannelAddress channel, long id, CancellationToken cancellationToken);

    /// <summary>Pending rows due at <paramref name="now"/> (and rows to resend), oldest first.</summary>
    Task<IReadOnlyList<PendingAlert>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves the given pending/resend rows to <see cref="AlertDeliveryState.Sending"/> under
    /// <paramref name="messageKey"/>; returns the rows this caller now owns (others may have been claimed elsewhere).
    /// </summary>
    Task<IReadOnlyList<PendingAlert>> ClaimAsync(IReadOnlyList<long> alertIds, string messageKey, DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkSentAsync(string messageKey, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The send certainly did not happen: back to pending (new message key later) at <paramref name="nextAttempt"/>.</summary>
    Task MarkRetryAsync(string messageKey, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken);

    /// <summary>The send may have happened: repeat under the same key at <paramref name="nextAttempt"/> (idempotent platforms only).</summary>
    Task MarkResendAsync(string messageKey, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken);

    /// <summary>Ends the rows of a message as <see cref="AlertDeliveryState.Failed"/> or <see cref="AlertDeliveryState.Uncertain"/>.</summary>
    Task MarkFinalAsync(string messageKey, AlertDeliveryState state, string error, CancellationToken cancellationToken);

    /// <summary>Rows left in <see cref="AlertDeliveryState.Sending"/> since before <paramref name="claimedBefore"/>: a sender died mid-send.</summary>
    Task<IReadOnlyList<PendingAlert>> ListInterruptedAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken);

    /// <summary>Disables every active subscription of the channel and cancels its unsent rows; returns how many subscriptions.</summary>
    Task<int> DisableChannelAsync(ChannelAddress channel, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Outbox rows per state, for <c>deliver --once</c> and health output.</summary>
    Task<IReadOnlyDictionary<AlertDeliveryState, long>> CountByStateAsync(CancellationToken cancellationToken);
}
