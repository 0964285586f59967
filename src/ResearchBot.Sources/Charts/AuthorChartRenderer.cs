using System.Globalization;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Replies;

namespace ResearchBot.Sources.Charts;

/// <summary>
/// Papers (blue, top panel) and citations (orange, bottom panel) per year as a 480×260 PNG. Uses a source's
/// per-year counts (OpenAlex) when present, else the index's own papers per year (then without citations).
/// </summary>
public sealed class AuthorChartRenderer : IAuthorChartRenderer
{
    private const int W = 480, H = 260, Left = 44, Right = 10, Top = 10, PanelH = 100, Gap = 18;
    private static readonly (byte, byte, byte) White = (255, 255, 255), Axis = (90, 90, 90), Blue = (66, 114, 196), Orange = (237, 125, 49), Grid = (228, 228, 228);

    public ReplyAttachment? Render(AuthorProfile profile)
    {
        var series = Series(profile, out var source);
        if (series.Count < 2)
        {
            return null;
        }

        // Without citations the second panel is left out rather than drawn empty.
        var hasCitations = series.Any(s => s.Citations > 0);
        var height = hasCitations ? H : Top + PanelH + Gap + 16;
        var img = new PngImage(W, height);
        img.Fill(0, 0, W, height, White);
        DrawPanel(img, series.Select(s => s.Works).ToList(), Top, Blue);
        if (hasCitations)
        {
            DrawPanel(img, series.Select(s => s.Citations).ToList(), Top + PanelH + Gap, Orange);
        }

        var slot = (W - Left - Right) / series.Count;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(series.Count * 10.0 / (W - Left - Right) * 1.6));
        for (var i = 0; i < series.Count; i += labelEvery)
        {
            var year = (series[i].Year % 100).ToString("00", CultureInfo.InvariantCulture);
            PixelDigits.Draw(img, Left + (i * slot) + (slot / 2) - 7, height - 14, year, Axis, 2);
        }

        var description = $"Papers{(hasCitations ? " and citations" : "")} per year, {series[0].Year}–{series[^1].Year} ({source})";
        return new ReplyAttachment($"author-{profile.Id}-per-year.png", "image/png", img.Encode(), description);
    }

    private static List<YearCount> Series(AuthorProfile profile, out string source)
    {
        var withYears = profile.Metrics.FirstOrDefault(m => !m.CountsByYear.IsDefaultOrEmpty);
        if (withYears is not null)
        {
            source = withYears.Source;
            return [.. withYears.CountsByYear.OrderBy(y => y.Year)];
        }

        source = "this index";
        var years = profile.Papers.Where(p => p.Published is not null).GroupBy(p => p.Published!.Value.Year).ToDictionary(g => g.Key, g => g.Count());
        if (years.Count == 0)
        {
            return [];
        }

        var first = Math.Max(years.Keys.Min(), years.Keys.Max() - 29);
        return [.. Enumerable.Range(first, years.Keys.Max() - first + 1).Select(y => new YearCount(y, years.GetValueOrDefault(y), 0))];
    }

    private static void DrawPanel(PngImage img, List<int> values, int top, (byte, byte, byte) color)
    {
        var max = Math.Max(1, values.Max());
        var slot = (W - Left - Right) / values.Count;
        img.Fill(Left, top + (PanelH / 2), W - Left - Right, 1, Grid);
        for (var i = 0; i < values.Count; i++)
        {
            var h = (int)Math.Round((double)values[i] / max * PanelH);
            img.Fill(Left + (i * slot) + 1, top + PanelH - h, Math.Max(1, slot - 2), h, color);
        }

        img.Fill(Left - 1, top, 1, PanelH + 1, Axis);
        img.Fill(Left - 1, top + PanelH, W - Left - Right + 1, 1, Axis);
        PixelDigits.Draw(img, 2, top, Compact(max), Axis, 2);
        PixelDigits.Draw(img, 2, top + PanelH - 10, "0", Axis, 2);
    }

    private static string Compact(int n) => n >= 10_000 ? (n / 1000).ToString(CultureInfo.InvariantCulture) + "K" : n.ToString(CultureInfo.InvariantCulture);
}
