namespace ResearchBot.Core.Similarity;

/// <summary>What to return: how many neighbours, and optional filters.</summary>
/// <param name="Limit">Number of neighbours (1–50).</param>
/// <param name="SinceYear">Only papers published in or after this year.</param>
/// <param name="Category">Only papers with this category among theirs (e.g. <c>cs.LG</c>; case-insensitive).</param>
public sealed record SimilarityQuery(int Limit = 10, int? SinceYear = null, string? Category = null);
