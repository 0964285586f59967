using System.Globalization;
using Microsoft.Extensions.Logging;
using ResearchBot.Charts.Fonts;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Replies;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ResearchBot.Charts.Authors;

/// <summary>
/// Papers per year as bars and, when a source gives them, citations per year as a line on a second axis, drawn
/// with ScottPlot as an 800×400 PNG titled with the author's name.
/// </summary>
internal sealed class ScottPlotAuthorChartRenderer(ILogger<ScottPlotAuthorChartRenderer> logger) : IAuthorChartRenderer
{
    public ReplyAttachment? Render(AuthorProfile profile)
    {
        var data = AuthorChartData.From(profile);
        if (data is null)
        {
            return null;
        }

        try
        {
            using var plot = Build(data);
            var png = plot.GetImageBytes(ChartTheme.Width, ChartTheme.Height, ImageFormat.Png);
            var what = data.Citations is null ? "Papers" : "Papers and citations";
            return new ReplyAttachment($"author-{profile.Id}-per-year.png", "image/png", png,
                $"{what} per year, {data.Years[0]}–{data.Years[^1]} ({data.Source})");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A chart is an extra: without Skia's native library (or with a drawing bug) /author still answers.
            Log.ChartFailed(logger, ex, profile.Id);
            return null;
        }
    }

    internal static Plot Build(AuthorChartData data)
    {
        // Registers the embedded font before the plot exists: new labels take ScottPlot's Fonts.Default as their font.
        _ = ChartFonts.Resolver;
        var plot = new Plot();
        Style(plot);

        var years = data.Years.Select(y => (double)y).ToArray();
        var bars = plot.Add.Bars(years, data.Papers.Select(p => (double)p).ToArray());
        bars.Color = ChartTheme.Papers;
        bars.LegendText = "Papers";
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.7;
            bar.LineWidth = 0;
        }

        plot.Axes.Left.Label.Text = "Papers per year";
        plot.Axes.Left.Label.ForeColor = ChartTheme.Papers;
        plot.Axes.Left.TickGenerator = Counts();
        plot.Axes.SetLimitsY(0, Top(data.Papers.Max()), plot.Axes.Left);

        if (data.Citations is { } citations)
        {
            var line = plot.Add.Scatter(years, citations.Select(c => (double)c).ToArray());
            line.Axes.YAxis = plot.Axes.Right;
            line.Color = ChartTheme.Citations;
            line.LineWidth = 3;
            line.MarkerSize = 8;
            line.LegendText = "Citations";
            plot.Axes.Right.Label.Text = "Citations per year";
            plot.Axes.Right.Label.ForeColor = ChartTheme.Citations;
            plot.Axes.Right.TickGenerator = Counts();
            plot.Axes.SetLimitsY(0, Top(citations.Max()), plot.Axes.Right);
        }

        plot.Axes.Bottom.TickGenerator = YearTicks(data.Years);
        plot.Axes.Bottom.Label.Text = $"Year · source: {data.Source}";
        plot.Axes.SetLimitsX(data.Years[0] - 0.6, data.Years[^1] + 0.6);
        plot.Title(Title(data), ChartTheme.TitleSize);
        // One row in the headroom above the data (see Top), so it never covers a bar or the line.
        plot.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);

        // Every label, tick and legend entry in the embedded font, restyled after the axes exist. A label's typeface,
        // once set, wins over its FontName and Bold, so the bold title gets the bold typeface itself.
        plot.Font.Set(ChartFonts.Family);
        plot.Legend.FontName = ChartFonts.Family;
        plot.Axes.Title.Label.Font = ChartFonts.Resolver.Bold;
        return plot;
    }

    private static void Style(Plot plot)
    {
        plot.FigureBackground.Color = ChartTheme.Background;
        plot.DataBackground.Color = ChartTheme.Background;
        plot.Axes.Color(ChartTheme.Muted);
        plot.Axes.Title.Label.ForeColor = ChartTheme.Text;
        plot.Grid.MajorLineColor = ChartTheme.Grid;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Legend.BackgroundColor = ChartTheme.Background.WithAlpha(0.85);
        plot.Legend.FontColor = ChartTheme.Text;
        plot.Legend.OutlineColor = ChartTheme.Grid;
        plot.Legend.FontSize = ChartTheme.LegendSize;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = ChartTheme.AxisLabelSize;
            axis.TickLabelStyle.FontSize = ChartTheme.TickLabelSize;
            axis.TickLabelStyle.ForeColor = ChartTheme.Text;
        }

        // Minor ticks between whole counts would suggest fractions of a paper.
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.Right.MinorTickStyle.Length = 0;
    }

    /// <summary>Whole-number ticks (no "0.5 papers"), thousands as "12k".</summary>
    private static NumericAutomatic Counts() => new()
    {
        IntegerTicksOnly = true,
        TargetTickCount = 5,
        LabelFormatter = v => v >= 10_000 ? (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k" : v.ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Full years ("2019", never "'19" or "2019.5"): every year up to 12 (beyond that, four-digit labels at 800 px
    /// touch), else every even year, with a minor tick on the others.
    /// </summary>
    private static NumericManual YearTicks(IReadOnlyList<int> years)
    {
        var step = years.Count <= 12 ? 1 : 2;
        var ticks = new NumericManual();
        foreach (var year in years)
        {
            if (year % step == 0 || step == 1)
            {
                ticks.AddMajor(year, year.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                ticks.AddMinor(year);
            }
        }

        return ticks;
    }

    /// <summary>Headroom above the tallest bar or point so the legend and top labels never sit on the data.</summary>
    private static double Top(int max) => Math.Max(1, max) * 1.25;

    /// <summary>"Name: papers … per year" when that fits the width in the title font, else the name, cut with "…" if need be.</summary>
    internal static string Title(AuthorChartData data)
    {
        using var font = new SkiaSharp.SKFont(ChartFonts.Resolver.Bold, ChartTheme.TitleSize);
        var room = ChartTheme.Width - 40;
        var full = data.Name + (data.Citations is null ? ": papers per year" : ": papers and citations per year");
        if (font.MeasureText(full) <= room)
        {
            return full;
        }

        var name = data.Name;
        while (name.Length > 1 && font.MeasureText(name) > room)
        {
            var cut = name.Length - 2;
            if (char.IsLowSurrogate(name[cut]))
            {
                cut--;
            }

            name = name[..cut].TrimEnd() + "…";
        }

        return name;
    }
}
