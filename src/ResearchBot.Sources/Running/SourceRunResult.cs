namespace ResearchBot.Sources.Running;

/// <summary>What one pass of a source did.</summary>
public sealed record SourceRunResult(string Source, int Records, int Added, int Merged, int Skipped);
