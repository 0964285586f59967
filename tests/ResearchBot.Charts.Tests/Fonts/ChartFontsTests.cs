using ResearchBot.Charts.Authors;
using ResearchBot.Charts.Fonts;
using ScottPlot;

namespace ResearchBot.Charts.Tests.Fonts;

public class ChartFontsTests
{
    [Fact]
    public void Resolver_ScottPlotAsksForOurFamily_GetsTheEmbeddedTypefacesNotTheSystems()
    {
        var ours = ChartFonts.Resolver;

        Assert.Same(ours, ScottPlot.Fonts.FontResolvers[0]);
        Assert.Same(ours.Regular, ScottPlot.Fonts.GetTypeface(ChartFonts.Family, bold: false, italic: false));
        Assert.Same(ours.Bold, ScottPlot.Fonts.GetTypeface(ChartFonts.Family, bold: true, italic: false));
        Assert.Equal("DejaVu Sans", ours.Regular.FamilyName);
        Assert.True(ours.Bold.IsBold);
        Assert.True(ours.Regular.ContainsGlyphs("Körding 2019–2024 …"), "names with accents, years, en dash and ellipsis");
    }

    [Fact]
    public void Resolver_OtherFamilies_LeftToScottPlot() =>
        Assert.Null(ChartFonts.Resolver.CreateTypeface("DejaVu Sans", bold: false, italic: false));

    [Fact]
    public void Build_EveryLabelTickAndLegend_DrawsWithAnEmbeddedTypeface()
    {
        using var plot = ScottPlotAuthorChartRenderer.Build(AuthorChartData.From(Authors.ChartProfiles.Realistic())!);
        plot.GetImageBytes(800, 400, ImageFormat.Png);

        // A label draws with its Font when set, else with what the resolvers give for FontName (ScottPlot's LabelStyle).
        var regular = plot.Axes.GetAxes().SelectMany(a => new[] { a.Label, a.TickLabelStyle })
            .Concat(plot.PlottableList.SelectMany(p => p.LegendItems).Select(i => i.LabelStyle)).ToList();
        Assert.True(regular.Count >= 10, $"{regular.Count} labels found");
        Assert.All(regular, s => Assert.Same(ChartFonts.Resolver.Regular, s.Font));
        Assert.Same(ChartFonts.Resolver.Bold, plot.Axes.Title.Label.Font);
        Assert.Equal(ChartFonts.Family, plot.Legend.FontName);
        Assert.Equal(ChartFonts.Family, ScottPlot.Fonts.Default);
    }
}
