using ResearchBot.Core.Papers;

namespace ResearchBot.Sources.Arxiv;

/// <summary>What an arXiv API answer contained: papers, error entries (arXiv reports errors as Atom) and skipped entries.</summary>
public sealed record ArxivFeed(IReadOnlyList<PaperRecord> Papers, IReadOnlyList<string> Errors, int Skipped, int? TotalResults);
