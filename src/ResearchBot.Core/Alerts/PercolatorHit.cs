using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts;

/// <summary>A new paper that matched a subscription, and why.</summary>
public readonly record struct PercolatorHit(Paper Paper, AlertSubscription Subscription, AlertMatch Match);
