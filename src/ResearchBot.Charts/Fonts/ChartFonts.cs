using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace ResearchBot.Charts.Fonts;

/// <summary>
/// The one font every chart uses: DejaVu Sans, embedded in this assembly and put first among ScottPlot's font
/// resolvers under a family name no system has, so rendering never depends on the fonts a machine has installed.
/// </summary>
internal static class ChartFonts
{
    /// <summary>The family name charts ask ScottPlot for.</summary>
    public const string Family = "ResearchBot DejaVu Sans";

    private static readonly Lock Gate = new();
    private static EmbeddedFontResolver? _resolver;

    /// <summary>The embedded typefaces, registered with ScottPlot on first use.</summary>
    public static EmbeddedFontResolver Resolver
    {
        get
        {
            lock (Gate)
            {
                if (_resolver is null)
                {
                    var resolver = new EmbeddedFontResolver(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
                    // ScottPlot asks its resolvers in order and starts with the system's; ours must answer first.
                    ScottPlot.Fonts.FontResolvers.Insert(0, resolver);
                    ScottPlot.Fonts.Default = Family;
                    _resolver = resolver;
                }

                return _resolver;
            }
        }
    }

    private static SKTypeface Load(string file)
    {
        var name = $"ResearchBot.Charts.Fonts.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing from the assembly.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font {name} could not be read.");
    }
}
