namespace ResearchBot.Core.Alerts;

/// <summary>When a subscription's matches are posted.</summary>
public enum AlertMode
{
    /// <summary>As soon as possible; papers that arrive together are batched into one message.</summary>
    Instant,

    /// <summary>One digest a day at the subscription's local time.</summary>
    Daily,

    /// <summary>One digest a week, on Monday at the subscription's local time.</summary>
    Weekly,
}
