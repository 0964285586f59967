using System.Collections.Immutable;

namespace ResearchBot.Sources.OpenAlex;

/// <summary>The parts of an OpenAlex author object ResearchBot shows.</summary>
public sealed record OpenAlexAuthor(
    string Id,
    string DisplayName,
    int? HIndex,
    int? I10Index,
    double? TwoYearMeanCitedness,
    int? CitedBy,
    int? WorksCount,
    string? Institution,
    ImmutableArray<string> Topics,
    ImmutableArray<(int Year, int Works, int Citations)> CountsByYear);
