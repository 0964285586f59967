using System.Collections.Immutable;
using ResearchBot.Core.Authors;

namespace ResearchBot.Charts.Authors;

/// <summary>
/// What an author chart shows: papers per year for consecutive years, citations per year when the source gives
/// them, and where the figures come from.
/// </summary>
internal sealed record AuthorChartData(string Name, string Source, ImmutableArray<int> Years, ImmutableArray<int> Papers, ImmutableArray<int>? Citations)
{
    /// <summary>The most years drawn from the index's own papers (a long career stays readable).</summary>
    public const int MaxIndexYears = 30;

    /// <summary>
    /// A source's per-year counts (OpenAlex <c>counts_by_year</c>) when one has them, else the index's papers per
    /// year (then without citations). Null when that spans fewer than two years: one bar says nothing the reply's
    /// paper count does not.
    /// </summary>
    public static AuthorChartData? From(AuthorProfile profile)
    {
        var withYears = profile.Metrics.FirstOrDefault(m => !m.CountsByYear.IsDefaultOrEmpty);
        if (withYears is not null)
        {
            var byYear = withYears.CountsByYear.GroupBy(c => c.Year).ToDictionary(g => g.Key, g => g.Last());
            var years = Span(byYear.Keys.Min(), byYear.Keys.Max());
            if (years.Length < 2)
            {
                return null;
            }

            var citations = years.Select(y => byYear.TryGetValue(y, out var c) ? Math.Max(0, c.Citations) : 0).ToImmutableArray();
            return new AuthorChartData(profile.DisplayName, withYears.Source, years,
                [.. years.Select(y => byYear.TryGetValue(y, out var c) ? Math.Max(0, c.Works) : 0)],
                citations.Any(c => c > 0) ? citations : null);
        }

        var published = profile.Papers.Where(p => p.Published is not null).GroupBy(p => p.Published!.Value.Year).ToDictionary(g => g.Key, g => g.Count());
        if (published.Count == 0)
        {
            return null;
        }

        var last = published.Keys.Max();
        var span = Span(Math.Max(published.Keys.Min(), last - MaxIndexYears + 1), last);
        return span.Length < 2 ? null : new AuthorChartData(profile.DisplayName, "this index", span, [.. span.Select(y => published.GetValueOrDefault(y))], null);
    }

    private static ImmutableArray<int> Span(int first, int last) => [.. Enumerable.Range(first, last - first + 1)];
}
