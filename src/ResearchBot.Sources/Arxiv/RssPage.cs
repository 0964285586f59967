using ResearchBot.Core.Papers;

namespace ResearchBot.Sources.Arxiv;

/// <summary>One announcement feed: new and cross-listed papers, items skipped as bad, replacements left out, and the build date.</summary>
public sealed record RssPage(IReadOnlyList<PaperRecord> Records, int Skipped, int Replacements, string? LastBuildDate);
