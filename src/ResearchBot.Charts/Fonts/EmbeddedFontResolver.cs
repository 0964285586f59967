using ScottPlot;
using SkiaSharp;

namespace ResearchBot.Charts.Fonts;

/// <summary>Answers ScottPlot's requests for <see cref="ChartFonts.Family"/> with the embedded DejaVu Sans; others it leaves alone.</summary>
internal sealed class EmbeddedFontResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
{
    public SKTypeface Regular { get; } = regular;

    public SKTypeface Bold { get; } = bold;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, ChartFonts.Family, StringComparison.Ordinal) ? (bold ? Bold : Regular) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
}
