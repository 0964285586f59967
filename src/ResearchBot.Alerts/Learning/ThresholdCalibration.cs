namespace ResearchBot.Alerts.Learning;

/// <summary>Thresholds from a volume: the score that the wanted number of recent papers would have cleared.</summary>
public static class ThresholdCalibration
{
    /// <summary>
    /// The threshold that about <paramref name="perWeek"/> papers a week clear (<c>score ≥ threshold</c>), given the
    /// scores of the papers that arrived over <paramref name="window"/>: the wanted count is
    /// <c>perWeek × window / 7 days</c>, rounded; the threshold lies halfway between that many top scores and the next.
    /// Wanting none gives a threshold above every score; wanting all, one below every score. No scores: +∞ (silent
    /// until there is something to calibrate on).
    /// </summary>
    public static float ForVolume(IReadOnlyList<float> recentScores, TimeSpan window, double perWeek)
    {
        ArgumentNullException.ThrowIfNull(recentScores);
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be positive.");
        }

        if (!double.IsFinite(perWeek) || perWeek < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perWeek), perWeek, "The volume must be a finite number ≥ 0.");
        }

        var scores = new List<float>(recentScores.Count);
        foreach (var score in recentScores)
        {
            if (float.IsFinite(score))
            {
                scores.Add(score);
            }
        }

        if (scores.Count == 0)
        {
            return float.PositiveInfinity;
        }

        scores.Sort((a, b) => b.CompareTo(a));
        var wanted = (int)Math.Round(perWeek * window.TotalDays / 7.0, MidpointRounding.AwayFromZero);
        if (wanted <= 0)
        {
            return Above(scores[0]);
        }

        if (wanted >= scores.Count)
        {
            return Below(scores[^1]);
        }

        var last = scores[wanted - 1];
        var next = scores[wanted];
        if (last <= next)
        {
            return last; // a tie at the cut: every tied paper clears, the volume is a little over
        }

        var halfway = next + ((last - next) / 2f);
        return halfway > next ? halfway : MathF.BitIncrement(next);
    }

    private static float Above(float score) => MathF.BitIncrement(score + (MathF.Abs(score) * 1e-6f));

    private static float Below(float score) => MathF.BitDecrement(score - (MathF.Abs(score) * 1e-6f));
}
