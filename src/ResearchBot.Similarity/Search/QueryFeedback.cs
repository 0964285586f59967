namespace ResearchBot.Similarity.Search;

/// <summary>
/// Pseudo-relevance feedback (Rocchio): the query moves toward the mean of its <see cref="Neighbours"/> strongest
/// neighbours (by <see cref="Weight"/>), and the first pass's best <see cref="Pool"/> rows are ranked again against the
/// moved query. It favours neighbours that agree with the query's whole neighbourhood over ones that share a single
/// direction with it; on the s2orc sample it raised category-P@10 from 0.444 to 0.47 (README). The second ranking
/// costs one int8 dot product per pooled row, not a second scan.
/// </summary>
internal readonly record struct QueryFeedback(int Neighbours, float Weight)
{
    /// <summary>Rows of the first pass ranked again.</summary>
    public const int Pool = 100;

    public static QueryFeedback Off => default;

    public bool IsOn => Neighbours > 0 && Weight > 0;

    /// <summary>
    /// Ranks <paramref name="first"/> (best first, scores are dot products with <paramref name="query"/>) against the
    /// moved query; the scores returned are dot products with the moved (unit) query.
    /// </summary>
    public List<(int Row, float Score)> Rerank(VectorMatrix matrix, VectorMatrix.State s, ReadOnlySpan<float> query, List<(int Row, float Score)> first)
    {
        if (!IsOn || first.Count <= 1)
        {
            return first;
        }

        var dims = matrix.Dimensions;
        var moved = query.ToArray();
        var used = Math.Min(Neighbours, first.Count);
        var share = Weight / used;
        for (var j = 0; j < used; j++)
        {
            var row = first[j].Row;
            var scale = s.Scales[row] * share;
            var values = s.Data.AsSpan(row * matrix.Stride, dims);
            for (var i = 0; i < dims; i++)
            {
                moved[i] += values[i] * scale;
            }
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(moved);
        var max = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(moved);
        if (norm <= 1e-12f || max == 0)
        {
            return first;
        }

        var qScale = Math.Abs(max) / norm / 127f;
        var q = new short[matrix.Stride];
        for (var i = 0; i < dims; i++)
        {
            q[i] = (short)Math.Clamp((int)MathF.Round(moved[i] / norm / qScale), -127, 127);
        }

        var ranked = new List<(int Row, float Score)>(first.Count);
        foreach (var (row, _) in first)
        {
            ranked.Add((row, Int8Dot.Dot(s.Data.AsSpan(row * matrix.Stride, matrix.Stride), q) * s.Scales[row] * qScale));
        }

        ranked.Sort((a, b) => b.Score.CompareTo(a.Score) is var c && c != 0 ? c : a.Row.CompareTo(b.Row));
        return ranked;
    }
}
