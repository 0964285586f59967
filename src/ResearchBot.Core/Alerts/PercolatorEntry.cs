namespace ResearchBot.Core.Alerts;

/// <summary>A subscription with its parsed query, as the percolator holds it.</summary>
public sealed record PercolatorEntry(AlertSubscription Subscription, AlertQuery Query);
