using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Charts.Authors;
using ResearchBot.Core.Authors;
using ScottPlot;

namespace ResearchBot.Charts.Tests.Authors;

public class ScottPlotAuthorChartRendererTests
{
    private const string Background = "#1E2128", Papers = "#4C9BE8", Citations = "#F5A524", Text = "#E6E8EC";
    private readonly ScottPlotAuthorChartRenderer _renderer = new(NullLogger<ScottPlotAuthorChartRenderer>.Instance);

    [Fact]
    public void Render_WithCitations_IsAn800x400PngWithBarsLineAndTitle()
    {
        var chart = _renderer.Render(ChartProfiles.Realistic());

        Assert.NotNull(chart);
        Assert.Equal("image/png", chart.ContentType);
        Assert.Equal("author-7-per-year.png", chart.FileName);
        Assert.Equal("Papers and citations per year, 2010–2024 (OpenAlex)", chart.Description);
        using var png = new PngFacts(chart.Content.ToArray());
        Assert.Equal((800, 400), (png.Width, png.Height));
        Assert.Equal(SkiaSharp.SKColor.Parse(Background), png.At(0, 0));
        Assert.Equal(SkiaSharp.SKColor.Parse(Background), png.At(799, 399));
        Assert.True(png.Count(Papers, 100, 60, 700, 340) > 2000, "blue bars fill part of the plot area");
        Assert.True(png.Count(Citations, 100, 60, 700, 340) > 200, "the amber citations line crosses the plot area");
        Assert.True(png.Count(Text, 0, 0, 800, 40) > 100, "the title is drawn in light text along the top");
    }

    [Fact]
    public void Render_Again_SameBytes()
    {
        // The embedded typefaces are shared by every plot; disposing a plot must leave them usable.
        var first = _renderer.Render(ChartProfiles.Realistic())!.Content.ToArray();
        var second = _renderer.Render(ChartProfiles.Realistic())!.Content.ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Render_WithoutCitations_DrawsBarsOnlyAndSaysSo()
    {
        var chart = _renderer.Render(ChartProfiles.WithIndexPapers("Ada Lovelace", 2019, 2019, 2021, 2022, 2022, 2022));

        Assert.NotNull(chart);
        Assert.Equal("Papers per year, 2019–2022 (this index)", chart.Description);
        using var png = new PngFacts(chart.Content.ToArray());
        Assert.Equal((800, 400), (png.Width, png.Height));
        Assert.True(png.Count(Papers, 60, 60, 740, 340) > 2000, "blue bars");
        Assert.Equal(0, png.Count(Citations));
    }

    [Fact]
    public void Render_SourceYearsWithoutAnyCitation_LeavesTheLineOut()
    {
        var chart = _renderer.Render(ChartProfiles.WithSourceYears("Ada Lovelace", new YearCount(2020, 2, 0), new YearCount(2022, 1, 0)));

        Assert.NotNull(chart);
        Assert.StartsWith("Papers per year, 2020–2022", chart.Description, StringComparison.Ordinal);
        using var png = new PngFacts(chart.Content.ToArray());
        Assert.Equal(0, png.Count(Citations));
    }

    [Fact]
    public void Render_SingleYearOfPapers_NoChart()
    {
        Assert.Null(_renderer.Render(ChartProfiles.WithIndexPapers("Ada Lovelace", 2021, 2021, 2021)));
        Assert.Null(_renderer.Render(ChartProfiles.WithSourceYears("Ada Lovelace", new YearCount(2021, 3, 40))));
    }

    [Fact]
    public void Render_SingleYearOfPapersButYearsOfCitations_DrawsTheCitations()
    {
        var chart = _renderer.Render(ChartProfiles.WithSourceYears("Ada Lovelace",
            new YearCount(2021, 1, 0), new YearCount(2022, 0, 5), new YearCount(2023, 0, 9)));

        Assert.NotNull(chart);
        using var png = new PngFacts(chart.Content.ToArray());
        Assert.True(png.Count(Citations) > 100);
    }

    [Fact]
    public void Render_NoPapersAndNoMetrics_NoChart() =>
        Assert.Null(_renderer.Render(ChartProfiles.NoPapers("Ada Lovelace")));

    [Fact]
    public void Build_XAxis_EveryTickIsAFullYear()
    {
        using var plot = ScottPlotAuthorChartRenderer.Build(AuthorChartData.From(ChartProfiles.Realistic())!);
        plot.GetImageBytes(800, 400, ImageFormat.Png);

        var major = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        Assert.Equal(8, major.Count); // 2010, 2012 … 2024: fifteen labels would touch
        Assert.Equal(7, plot.Axes.Bottom.TickGenerator.Ticks.Count(t => !t.IsMajor));
        Assert.All(major, t => Assert.Equal(Math.Round(t.Position), t.Position));
        Assert.All(major, t => Assert.Equal(((int)t.Position).ToString(CultureInfo.InvariantCulture), t.Label));
    }

    [Fact]
    public void Build_FewPapers_CountAxesHaveWholeNumberTicksOnly()
    {
        var data = AuthorChartData.From(ChartProfiles.WithSourceYears("Ada Lovelace", new YearCount(2020, 1, 1), new YearCount(2021, 2, 3)))!;
        using var plot = ScottPlotAuthorChartRenderer.Build(data);
        plot.GetImageBytes(800, 400, ImageFormat.Png);

        foreach (var axis in new[] { plot.Axes.Left, plot.Axes.Right })
        {
            var ticks = axis.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
            Assert.NotEmpty(ticks);
            Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position));
        }
    }

    [Fact]
    public void Build_TwelveYears_LabelsEveryYear()
    {
        var data = AuthorChartData.From(ChartProfiles.WithIndexPapers("Ada Lovelace", [.. Enumerable.Range(2013, 12)]))!;
        using var plot = ScottPlotAuthorChartRenderer.Build(data);
        plot.GetImageBytes(800, 400, ImageFormat.Png);

        var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Equal([.. Enumerable.Range(2013, 12).Select(y => y.ToString(CultureInfo.InvariantCulture))], labels);
    }

    [Fact]
    public void Build_ThirtyYears_LabelsEveryEvenYearInFull()
    {
        var data = AuthorChartData.From(ChartProfiles.WithIndexPapers("Ada Lovelace", [.. Enumerable.Range(1995, 30)]))!;
        using var plot = ScottPlotAuthorChartRenderer.Build(data);
        plot.GetImageBytes(800, 400, ImageFormat.Png);

        var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Equal([.. Enumerable.Range(1995, 30).Where(y => y % 2 == 0).Select(y => y.ToString(CultureInfo.InvariantCulture))], labels);
    }

    [Fact]
    public void Title_UsualName_NamesTheAuthorAndWhatIsShown()
    {
        var data = AuthorChartData.From(ChartProfiles.Realistic())!;

        Assert.Equal("Konrad P. Kording: papers and citations per year", ScottPlotAuthorChartRenderer.Title(data));
    }

    [Theory]
    [InlineData("Maximilian von Hohenzollern-Sigmaringen", "Maximilian von Hohenzollern-Sigmaringen")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", null)]
    [InlineData("\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C\U0001D49C", null)]
    public void Title_LongName_FitsTheWidthAsTheNameOrItsStart(string escaped, string? expected)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var data = AuthorChartData.From(ChartProfiles.WithIndexPapers(name, 2020, 2021))!;

        var title = ScottPlotAuthorChartRenderer.Title(data);

        using var font = new SkiaSharp.SKFont(ResearchBot.Charts.Fonts.ChartFonts.Resolver.Bold, 26);
        Assert.True(font.MeasureText(title) <= 760, title);
        if (expected is not null)
        {
            Assert.Equal(expected, title);
        }
        else
        {
            Assert.EndsWith("…", title, StringComparison.Ordinal);
            Assert.StartsWith(title[..^1], name, StringComparison.Ordinal);
            Assert.False(char.IsHighSurrogate(title[^2]), "no half surrogate pair before the ellipsis");
        }
    }
}
