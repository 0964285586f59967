using System.Collections.Immutable;

namespace ResearchBot.Tests.Architecture;

/// <summary>One project: its assembly name and every assembly it references (by metadata or by its csproj).</summary>
public sealed record ProjectNode(string Name, ImmutableArray<string> References);
