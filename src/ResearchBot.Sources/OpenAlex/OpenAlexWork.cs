using System.Collections.Immutable;

namespace ResearchBot.Sources.OpenAlex;

/// <summary>The parts of an OpenAlex work used to tell namesakes apart and to update citation counts.</summary>
public sealed record OpenAlexWork(string Title, string? Doi, int? CitedBy, ImmutableArray<string> Authors);
