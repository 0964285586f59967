using ScottPlot;

namespace ResearchBot.Charts.Authors;

/// <summary>
/// Colours and sizes of the author chart. The card is opaque dark grey with light text: a transparent background
/// would leave light text unreadable in Discord's and Slack's light themes, and a white card glares in their dark
/// themes, whereas a dark card reads as a picture in both. Blue bars and an amber line stay apart for the common
/// colour-vision deficiencies.
/// </summary>
internal static class ChartTheme
{
    public const int Width = 800;
    public const int Height = 400;

    public static readonly Color Background = Color.FromHex("#1E2128");
    public static readonly Color Text = Color.FromHex("#E6E8EC");
    public static readonly Color Muted = Color.FromHex("#A2A8B3");
    public static readonly Color Grid = Color.FromHex("#343944");
    public static readonly Color Papers = Color.FromHex("#4C9BE8");
    public static readonly Color Citations = Color.FromHex("#F5A524");

    public const float TitleSize = 26;
    public const float AxisLabelSize = 18;
    public const float TickLabelSize = 16;
    public const float LegendSize = 16;
}
