using ResearchBot.Core.Papers;

namespace ResearchBot.Sources.Arxiv;

/// <summary>One OAI-PMH page: records, skipped records, the resumption token (null at the end) and any OAI error.</summary>
public sealed record OaiPage(IReadOnlyList<PaperRecord> Records, int Skipped, string? ResumptionToken, DateOnly? ResponseDate, string? ErrorCode, string? ErrorMessage);
