using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts;

/// <summary>A new paper that matched a subscription, and why.</summary>
public sealed record PercolatorHit(Paper Paper, AlertSubscription Subscription, AlertMatch Match);
