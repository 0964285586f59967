using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Shared;

internal sealed class OutboxRow
{
    /// <summary>Selects an outbox row joined with its subscription (alias <c>o</c> and <c>s</c>).</summary>
    public const string Select =
        """
        SELECT o.id, o.platform, o.workspace, o.channel, o.paper_seq, o.subscription_id, s.query, s.mode, o.score, o.why,
               o.due_at, o.state, o.attempts, o.message_key, o.first_claimed_at, s.max_shown
        FROM alert_outbox o JOIN alert_subscriptions s ON s.id = o.subscription_id
        """;

    public long Id { get; set; }
    public string Platform { get; set; } = "";
    public string Workspace { get; set; } = "";
    public string Channel { get; set; } = "";
    public long Paper_Seq { get; set; }
    public long Subscription_Id { get; set; }
    public string Query { get; set; } = "";
    public long Mode { get; set; }
    public double Score { get; set; }
    public string Why { get; set; } = "";
    public long Due_At { get; set; }
    public long State { get; set; }
    public long Attempts { get; set; }
    public string? Message_Key { get; set; }
    public long? First_Claimed_At { get; set; }
    public long? Max_Shown { get; set; }

    public PendingAlert ToAlert() => new()
    {
        Id = Id,
        Channel = new ChannelAddress(Platform, Workspace, Channel),
        PaperSeq = Paper_Seq,
        SubscriptionId = Subscription_Id,
        SubscriptionQuery = Query,
        Mode = (AlertMode)Mode,
        Score = Score,
        Why = Why,
        DueAt = DateTimeOffset.FromUnixTimeMilliseconds(Due_At),
        State = (AlertDeliveryState)State,
        Attempts = (int)Attempts,
        MessageKey = Message_Key,
        MaxShown = Max_Shown is { } m ? (int)m : null,
        ClaimedAt = First_Claimed_At is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
    };
}
