namespace ResearchBot.Core.Papers;

/// <summary>A search result: the paper and its score (higher is better; comparable only within one result list).</summary>
public sealed record PaperHit(Paper Paper, double Score);
