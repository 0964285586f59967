namespace ResearchBot.Similarity.Search;

/// <summary>How <see cref="RankFusion.Convex"/> puts two engines' scores on one scale.</summary>
public enum ScoreNormalisation
{
    /// <summary>(s − min) / (max − min) over the candidates the engine returned.</summary>
    MinMax,

    /// <summary>(s − mean) / standard deviation over the candidates the engine returned.</summary>
    ZScore,
}

/// <summary>
/// Fusion of a dense (cosine) ranking with a keyword (BM25) ranking: reciprocal rank fusion (Cormack et al. 2009) and
/// the convex combination of normalised scores (Bruch et al. 2022, "An Analysis of Fusion Functions for Hybrid
/// Retrieval"). Deterministic: ties go to the lower seq.
/// </summary>
public static class RankFusion
{
    /// <summary>The usual RRF constant.</summary>
    public const int DefaultRrfK = 60;

    /// <summary>
    /// Reciprocal rank fusion: each item scores Σ wᵢ / (k + rankᵢ) over the rankings it appears in (ranks from 1);
    /// weights default to 1.
    /// </summary>
    public static List<long> Rrf(IReadOnlyList<IEnumerable<long>> rankings, int k = DefaultRrfK, IReadOnlyList<double>? weights = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (weights is not null && weights.Count != rankings.Count)
        {
            throw new ArgumentException($"{weights.Count} weights for {rankings.Count} rankings.", nameof(weights));
        }

        var scores = new Dictionary<long, double>();
        for (var j = 0; j < rankings.Count; j++)
        {
            var w = weights?[j] ?? 1.0;
            var rank = 0;
            foreach (var seq in rankings[j])
            {
                scores[seq] = scores.GetValueOrDefault(seq) + w / (k + ++rank);
            }
        }

        return [.. scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key)];
    }

    /// <summary>
    /// Convex combination α·dense + (1 − α)·keyword of per-engine normalised scores over the union of both candidate
    /// lists. A keyword-only candidate takes its dense score from <paramref name="denseScoreOf"/> (the exact cosine;
    /// the lowest dense score returned when that is null or answers null); a dense-only candidate takes the lowest
    /// keyword score returned (it did not make the keyword engine's list). Returns (seq, fused score), best first.
    /// </summary>
    /// <param name="dense">The dense ranking with its scores (higher is better).</param>
    /// <param name="keyword">The keyword ranking with its scores (higher is better, e.g. −bm25).</param>
    /// <param name="denseWeight">α in [0, 1]: 1 is the dense ranking alone, 0 the keyword ranking alone.</param>
    public static List<(long Seq, double Score)> Convex(
        IReadOnlyList<(long Seq, double Score)> dense,
        IReadOnlyList<(long Seq, double Score)> keyword,
        double denseWeight,
        ScoreNormalisation normalisation = ScoreNormalisation.MinMax,
        Func<long, double?>? denseScoreOf = null)
    {
        if (double.IsNaN(denseWeight) || denseWeight is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(denseWeight), denseWeight, "The dense weight must lie in [0, 1].");
        }

        var denseScores = new Dictionary<long, double>(dense.Count + keyword.Count);
        foreach (var (seq, score) in dense)
        {
            denseScores.TryAdd(seq, score);
        }

        var keywordScores = new Dictionary<long, double>(keyword.Count);
        foreach (var (seq, score) in keyword)
        {
            keywordScores.TryAdd(seq, score);
        }

        var denseFloor = dense.Count > 0 ? dense.Min(d => d.Score) : 0;
        foreach (var seq in keywordScores.Keys)
        {
            if (!denseScores.ContainsKey(seq))
            {
                denseScores[seq] = denseScoreOf?.Invoke(seq) ?? denseFloor;
            }
        }

        var keywordFloor = keyword.Count > 0 ? keyword.Min(k => k.Score) : 0;
        var (dShift, dScale) = Scale(denseScores.Values, normalisation);
        var (kShift, kScale) = Scale(keywordScores.Values, normalisation);
        var fused = new List<(long Seq, double Score)>(denseScores.Count);
        foreach (var (seq, d) in denseScores)
        {
            var k = keywordScores.TryGetValue(seq, out var s) ? s : keywordFloor;
            fused.Add((seq, denseWeight * (d - dShift) * dScale + (1 - denseWeight) * (k - kShift) * kScale));
        }

        fused.Sort((a, b) => b.Score.CompareTo(a.Score) is var c && c != 0 ? c : a.Seq.CompareTo(b.Seq));
        return fused;
    }

    /// <summary>(shift, scale) such that (s − shift)·scale is the normalised score; a constant list maps to 0.</summary>
    private static (double Shift, double Scale) Scale(IEnumerable<double> scores, ScoreNormalisation normalisation)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSq = 0;
        var n = 0;
        foreach (var s in scores)
        {
            min = Math.Min(min, s);
            max = Math.Max(max, s);
            sum += s;
            sumSq += s * s;
            n++;
        }

        if (n == 0)
        {
            return (0, 0);
        }

        if (normalisation == ScoreNormalisation.MinMax)
        {
            return max > min ? (min, 1 / (max - min)) : (min, 0);
        }

        var mean = sum / n;
        var sd = Math.Sqrt(Math.Max(0, sumSq / n - mean * mean));
        return sd > 1e-12 ? (mean, 1 / sd) : (mean, 0);
    }
}
