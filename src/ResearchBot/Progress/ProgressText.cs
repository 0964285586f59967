using System.Globalization;

namespace ResearchBot.Progress;

/// <summary>The figures of a progress report as words: the same on a terminal bar and in a plain line.</summary>
internal static class ProgressText
{
    /// <summary>E.g. <c>1,234 records  2,468/s  ETA 00:01:02  skipped 3</c>; the parts that are unknown are left out.</summary>
    public static string Figures(TimeSpan elapsed, long count, string? unit, double? fraction, string? note, bool eta = true)
    {
        var parts = new List<string>(4);
        if (unit is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {unit}"));
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count / Math.Max(0.001, elapsed.TotalSeconds):N0}/s"));
        }

        if (eta && Eta(elapsed, fraction) is { } left)
        {
            parts.Add("ETA " + Clock(left));
        }

        if (!string.IsNullOrEmpty(note))
        {
            parts.Add(note);
        }

        return string.Join("  ", parts);
    }

    /// <summary>Time left at the average pace so far; null before there is a pace to go by, and once done.</summary>
    public static TimeSpan? Eta(TimeSpan elapsed, double? fraction) =>
        fraction is > 0.001 and < 1 and var f ? TimeSpan.FromSeconds(Math.Min(elapsed.TotalSeconds * (1 - f) / f, TimeSpan.FromDays(99).TotalSeconds)) : null;

    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(fraction, 0, 1) * 100:0.0}%");

    public static string Clock(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}");
}
