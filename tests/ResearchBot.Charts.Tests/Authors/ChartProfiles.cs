using ResearchBot.Core.Authors;
using ResearchBot.Core.Papers;

namespace ResearchBot.Charts.Tests.Authors;

/// <summary>Author profiles as the /author command hands them to the chart.</summary>
internal static class ChartProfiles
{
    public static AuthorProfile WithSourceYears(string name, params YearCount[] years) => new(7, name, [], [], [], [],
        [new AuthorMetrics { Source = "OpenAlex", CountsByYear = [.. years], RetrievedAt = DateTimeOffset.UnixEpoch }]);

    /// <summary>Fifteen years of a productive career with citations growing, as OpenAlex reports them.</summary>
    public static AuthorProfile Realistic() => WithSourceYears("Konrad P. Kording",
        [.. Enumerable.Range(2010, 15).Select(y => new YearCount(y, 4 + ((y * 7) % 9), (int)(120 * Math.Pow(1.28, y - 2010))))]);

    public static AuthorProfile WithIndexPapers(string name, params int[] years) => new(8, name, [],
        [.. years.Select((y, i) => new Paper { Seq = i, Id = $"p{i}", Title = $"Paper {i}", Published = new DateOnly(y, 3, 1), IndexedAt = DateTimeOffset.UnixEpoch })], [], [], []);

    public static AuthorProfile NoPapers(string name) => new(9, name, [], [], [], [], []);

}
