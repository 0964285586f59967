using ResearchBot.Charts.Authors;
using ResearchBot.Core.Authors;

namespace ResearchBot.Charts.Tests.Authors;

public class AuthorChartDataTests
{
    [Fact]
    public void From_SourceYearsWithGaps_FillsMissingYearsWithZeros()
    {
        var data = AuthorChartData.From(ChartProfiles.WithSourceYears("Ada", new YearCount(2022, 5, 300), new YearCount(2020, 2, 10)))!;

        Assert.Equal([2020, 2021, 2022], data.Years);
        Assert.Equal([2, 0, 5], data.Papers);
        Assert.Equal([10, 0, 300], data.Citations!.Value);
        Assert.Equal("OpenAlex", data.Source);
    }

    [Fact]
    public void From_IndexPapersOnly_CountsPerYearWithoutCitations()
    {
        var data = AuthorChartData.From(ChartProfiles.WithIndexPapers("Ada", 2018, 2020, 2020))!;

        Assert.Equal([2018, 2019, 2020], data.Years);
        Assert.Equal([1, 0, 2], data.Papers);
        Assert.Null(data.Citations);
        Assert.Equal("this index", data.Source);
    }

    [Fact]
    public void From_IndexCareerLongerThanThirtyYears_KeepsTheLastThirty()
    {
        var data = AuthorChartData.From(ChartProfiles.WithIndexPapers("Ada", 1970, 2000, 2024))!;

        Assert.Equal(30, data.Years.Length);
        Assert.Equal(1995, data.Years[0]);
        Assert.Equal(1, data.Papers[^1]);
    }
}
