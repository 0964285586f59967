using ResearchBot.Core.Messaging;

namespace ResearchBot.Core.Alerts.Learning;

/// <summary>A person's verdict on an alerted paper.</summary>
public enum AlertVote
{
    /// <summary>👍: more like this.</summary>
    Up = 1,

    /// <summary>👎: not this.</summary>
    Down = -1,
}

/// <summary>One recorded vote, as evidence for the subscription's model (a paper reference, never a vector).</summary>
public sealed record EvidenceVote(long PaperSeq, AlertVote Vote, string UserId, DateTimeOffset At);

/// <summary>What a <c>like:</c> subscription has learned from: its example papers and the votes on its alerts.</summary>
public sealed record LikeEvidence(IReadOnlyList<long> Examples, IReadOnlyList<EvidenceVote> Votes)
{
    public static LikeEvidence None { get; } = new([], []);

    public int Ups => Votes.Count(v => v.Vote == AlertVote.Up);

    public int Downs => Votes.Count(v => v.Vote == AlertVote.Down);
}

/// <summary>👍 and 👎 counts of one alerted paper.</summary>
public readonly record struct VoteTally(int Up, int Down);

/// <summary>The outcome of <see cref="IAlertFeedbackStore.VoteAsync"/>.</summary>
public abstract record VoteResult
{
    private VoteResult()
    {
    }

    /// <summary>The vote is stored (or was already so): the alert's subscription, paper and message.</summary>
    public sealed record Recorded(long SubscriptionId, long PaperSeq, string? MessageKey, bool Changed) : VoteResult;

    /// <summary>No such alert, or it belongs to another platform, workspace or channel (the two are not told apart).</summary>
    public sealed record NotHere : VoteResult;
}

/// <summary>
/// Votes, example papers and the stored interest models of <c>like:</c> subscriptions. Like <see cref="IAlertStore"/>,
/// everything a chat user can reach is scoped by the full <see cref="ChannelAddress"/>. Evidence is kept as paper
/// references, so a refit or an engine switch re-projects it instead of losing it.
/// </summary>
public interface IAlertFeedbackStore
{
    /// <summary>
    /// Records <paramref name="userId"/>'s vote on the outbox row <paramref name="alertId"/>, if that row belongs to
    /// <paramref name="channel"/>: one vote per (user, alert), a later vote replaces an earlier one.
    /// </summary>
    Task<VoteResult> VoteAsync(ChannelAddress channel, long alertId, string userId, AlertVote vote, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The rows sent together under <paramref name="messageKey"/> in <paramref name="channel"/> (to redraw the message), best score first.</summary>
    Task<IReadOnlyList<PendingAlert>> MessageAsync(ChannelAddress channel, string messageKey, CancellationToken cancellationToken);

    /// <summary>Vote counts per outbox row; rows without votes are left out.</summary>
    Task<IReadOnlyDictionary<long, VoteTally>> TalliesAsync(IReadOnlyList<long> alertIds, CancellationToken cancellationToken);

    /// <summary>The subscription's example papers (in the order given) and every vote on its alerts, oldest first.</summary>
    Task<LikeEvidence> EvidenceAsync(long subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the example papers of the channel's subscription <paramref name="subscriptionId"/> and its stored text
    /// (<see cref="LikeQuery.Format"/>); false when the channel has no such active subscription.
    /// </summary>
    Task<bool> SetExamplesAsync(ChannelAddress channel, long subscriptionId, IReadOnlyList<long> paperSeqs, string query, CancellationToken cancellationToken);

    /// <summary>The subscription's stored model; null before the first fit.</summary>
    Task<InterestModel?> ModelAsync(long subscriptionId, CancellationToken cancellationToken);

    /// <summary>Stores a (re)fitted model; the percolator uses it from the next batch on.</summary>
    Task SaveModelAsync(long subscriptionId, InterestModel model, CancellationToken cancellationToken);
}
