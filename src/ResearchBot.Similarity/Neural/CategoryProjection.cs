using System.Numerics.Tensors;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// A reduction learned from labelled papers instead of fitted on the index: regularised linear discriminant analysis.
/// The embeddings are first normalised by their spread within a category (Σw + λ·mean(eig Σw))^(−1/2), so directions in
/// which papers of one field differ among themselves count less; the kept components are then the principal directions
/// of the category means in that space, i.e. the directions that tell fields apart. Written as one
/// <see cref="PcaReduction"/> (mean and components), so the engine, the model blob and the int8 matrix are unchanged.
/// Fitted once, offline, on the labelled dev corpus (<c>ResearchBot.Benchmarks neural-projection</c>) and shipped with
/// the model it was fitted for: the bot's own index has no labels.
/// </summary>
internal static class CategoryProjection
{
    /// <param name="embeddings">Unit-length embeddings of labelled papers.</param>
    /// <param name="labels">Each paper's category (its primary one), in the same order.</param>
    /// <param name="dimensions">Components kept: at most the number of categories − 1 carry information.</param>
    /// <param name="lambda">Regularisation of the within-category covariance, as a multiple of its mean eigenvalue (0: none).</param>
    public static PcaReduction Fit(IReadOnlyList<float[]> embeddings, IReadOnlyList<string> labels, int dimensions, double lambda)
    {
        if (embeddings.Count == 0 || embeddings.Count != labels.Count)
        {
            throw new ArgumentException("Need one label per embedding, and at least one embedding.", nameof(labels));
        }

        if (lambda < 0 || double.IsNaN(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), "λ must be 0 or more.");
        }

        var d = embeddings[0].Length;
        var groups = Enumerable.Range(0, embeddings.Count).GroupBy(i => labels[i], StringComparer.Ordinal).ToList();
        if (groups.Count < 2)
        {
            throw new ArgumentException("Need papers of at least two categories.", nameof(labels));
        }

        var means = groups.ToDictionary(g => g.Key, g =>
        {
            var m = new float[d];
            foreach (var i in g)
            {
                TensorPrimitives.Add(m, embeddings[i], m);
            }

            TensorPrimitives.Divide(m, g.Count(), m);
            return m;
        }, StringComparer.Ordinal);

        // Within-category spread: the principal axes and variances of every paper's offset from its category's mean.
        var offsets = new float[embeddings.Count][];
        for (var i = 0; i < embeddings.Count; i++)
        {
            offsets[i] = new float[d];
            TensorPrimitives.Subtract(embeddings[i], means[labels[i]], offsets[i]);
        }

        var within = PcaReduction.Fit(offsets, d);
        var variances = new double[d];
        foreach (var o in offsets)
        {
            for (var c = 0; c < d; c++)
            {
                var p = TensorPrimitives.Dot(within.Components.AsSpan(c * d, d), o);
                variances[c] += (double)p * p;
            }
        }

        var floor = lambda * variances.Average() / offsets.Length;
        var scale = variances.Select(v => (float)(1 / Math.Sqrt(v / offsets.Length + floor))).ToArray();

        // Normalise: W = diag(scale) · Uᵀ (one row per within-category axis).
        var w = new float[d * d];
        for (var c = 0; c < d; c++)
        {
            TensorPrimitives.Multiply(within.Components.AsSpan(c * d, d), scale[c], w.AsSpan(c * d, d));
        }

        float[] Normalised(float[] x)
        {
            var y = new float[d];
            for (var c = 0; c < d; c++)
            {
                y[c] = TensorPrimitives.Dot(w.AsSpan(c * d, d), x);
            }

            return y;
        }

        // The category means' principal directions in the normalised space, then composed with W into one map of the
        // embedding: components = C·W, centred on the mean of the category means (C·W·μ̄ is then C's own centre).
        var between = PcaReduction.Fit([.. means.Values.Select(Normalised)], Math.Min(dimensions, d));
        var k = between.Dimensions;
        var components = new float[k * d];
        for (var r = 0; r < k; r++)
        {
            var target = components.AsSpan(r * d, d);
            for (var c = 0; c < d; c++)
            {
                var coefficient = between.Components[r * d + c];
                if (coefficient != 0)
                {
                    TensorPrimitives.MultiplyAdd(w.AsSpan(c * d, d), coefficient, target, target);
                }
            }
        }

        var centre = new float[d];
        foreach (var m in means.Values)
        {
            TensorPrimitives.Add(centre, m, centre);
        }

        TensorPrimitives.Divide(centre, means.Count, centre);
        return new PcaReduction(d, k, centre, components);
    }
}
