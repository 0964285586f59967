using System.Numerics.Tensors;
using ResearchBot.Similarity.Neural;

namespace ResearchBot.Benchmarks;

/// <summary>
/// A study of <c>neural-study --supervised</c> (section 5): the category projection's first directions joined with the
/// index's PCA ones. Measured and not shipped (README, "The category projection"): 64–112 category directions lost
/// category-P@10 against the projection alone, and 160 or 192 dimensions gained at most +0.0005 MRR.
/// </summary>
internal static class ProjectionBlend
{
    /// <summary>
    /// The first <paramref name="categoryDimensions"/> components of <paramref name="categories"/> and the first of
    /// <paramref name="pca"/> (fitted on the index) up to the pca's own dimensions, as one map centred on the PCA's
    /// mean: each part scaled so that, over <paramref name="sample"/>, it carries <paramref name="categoryWeight"/> and
    /// 1 − that of the squared length, so the cosine of two reduced vectors is close to that mix of the two parts' cosines.
    /// The category part tells fields apart; the PCA part keeps what tells papers of one field apart (a title from its
    /// own abstract's neighbours).
    /// </summary>
    public static PcaReduction Blend(PcaReduction categories, PcaReduction pca, int categoryDimensions, double categoryWeight, IReadOnlyList<float[]> sample)
    {
        var d = pca.InputDimensions;
        if (categories.InputDimensions != d || categoryDimensions < 1 || categoryDimensions > categories.Dimensions || categoryDimensions >= pca.Dimensions)
        {
            throw new ArgumentException("The two reductions do not fit together.", nameof(categoryDimensions));
        }

        if (categoryWeight is <= 0 or >= 1 || sample.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(categoryWeight), "The weight must lie strictly between 0 and 1, over a sample.");
        }

        var pcaDimensions = pca.Dimensions - categoryDimensions;
        var rows = new float[pca.Dimensions * d];
        categories.Components.AsSpan(0, categoryDimensions * d).CopyTo(rows);
        pca.Components.AsSpan(0, pcaDimensions * d).CopyTo(rows.AsSpan(categoryDimensions * d));

        // Mean squared length of each part over the sample, centred on the PCA's mean.
        double categoryEnergy = 0, pcaEnergy = 0;
        var centred = new float[d];
        foreach (var x in sample)
        {
            TensorPrimitives.Subtract(x, pca.Mean, centred);
            for (var r = 0; r < pca.Dimensions; r++)
            {
                var p = (double)TensorPrimitives.Dot(rows.AsSpan(r * d, d), centred);
                if (r < categoryDimensions)
                {
                    categoryEnergy += p * p;
                }
                else
                {
                    pcaEnergy += p * p;
                }
            }
        }

        var categoryScale = (float)Math.Sqrt(categoryWeight / Math.Max(categoryEnergy / sample.Count, 1e-12));
        var pcaScale = (float)Math.Sqrt((1 - categoryWeight) / Math.Max(pcaEnergy / sample.Count, 1e-12));
        TensorPrimitives.Multiply(rows.AsSpan(0, categoryDimensions * d), categoryScale, rows.AsSpan(0, categoryDimensions * d));
        TensorPrimitives.Multiply(rows.AsSpan(categoryDimensions * d), pcaScale, rows.AsSpan(categoryDimensions * d));
        return new PcaReduction(d, pca.Dimensions, pca.Mean, rows);
    }
}
