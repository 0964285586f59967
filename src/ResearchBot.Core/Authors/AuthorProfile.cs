using System.Collections.Immutable;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Authors;

/// <summary>Everything the index knows about one author.</summary>
public sealed record AuthorProfile(
    long Id,
    string DisplayName,
    ImmutableArray<string> Variants,
    ImmutableArray<Paper> Papers,
    ImmutableArray<NameCount> Coauthors,
    ImmutableArray<NameCount> Categories,
    ImmutableArray<AuthorMetrics> Metrics);

/// <summary>A name (co-author, category, topic) and how often it occurs.</summary>
public sealed record NameCount(string Name, int Count)
{
    /// <summary>
    /// For a co-author, their directory id when the directory knows it, so a menu can name them exactly (a name alone
    /// may match namesakes); null otherwise.
    /// </summary>
    public long? AuthorId { get; init; }
}
