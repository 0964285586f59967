using System.Numerics.Tensors;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Alerts.Learning;

/// <summary>Shared evidence handling for the learners: one label per paper, dimensions, means.</summary>
internal static class InterestEvidence
{
    /// <summary>
    /// The evidence with one entry per paper (same vector content), the latest winning: a changed vote replaces the
    /// earlier one, a 👎 on an example overrides it. Order of first appearance is kept.
    /// </summary>
    public static IReadOnlyList<LabeledVector> LatestPerPaper(IReadOnlyList<LabeledVector> evidence)
    {
        if (evidence.Count <= 1)
        {
            return evidence;
        }

        var index = new Dictionary<float[], int>(VectorContentComparer.Instance);
        var kept = new List<LabeledVector>(evidence.Count);
        foreach (var item in evidence)
        {
            ArgumentNullException.ThrowIfNull(item?.Vector, nameof(evidence));
            if (index.TryGetValue(item.Vector, out var at))
            {
                kept[at] = item;
            }
            else
            {
                index[item.Vector] = kept.Count;
                kept.Add(item);
            }
        }

        return kept;
    }

    /// <summary>The common length of every vector; throws when they disagree.</summary>
    public static int Dimensions(IReadOnlyList<LabeledVector> evidence, IReadOnlyList<float[]> background)
    {
        var dimensions = -1;
        foreach (var item in evidence)
        {
            Check(item.Vector.Length, ref dimensions);
        }

        foreach (var vector in background)
        {
            ArgumentNullException.ThrowIfNull(vector, nameof(background));
            Check(vector.Length, ref dimensions);
        }

        return Math.Max(dimensions, 0);

        static void Check(int length, ref int dimensions)
        {
            if (dimensions >= 0 && length != dimensions)
            {
                throw new ArgumentException($"Vectors of different lengths ({dimensions} and {length}) cannot be learned from together.");
            }

            dimensions = length;
        }
    }

    /// <summary>The mean of the vectors.</summary>
    public static float[] Mean(IReadOnlyList<float[]> vectors, int dimensions)
    {
        var mean = new float[dimensions];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector, mean);
        }

        if (vectors.Count > 0)
        {
            TensorPrimitives.Multiply(mean, 1f / vectors.Count, mean);
        }

        return mean;
    }

    /// <summary>Scales to unit length (leaves a zero vector as it is).</summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 1e-12f && float.IsFinite(norm))
        {
            TensorPrimitives.Multiply(vector, 1f / norm, vector);
        }
    }

    private sealed class VectorContentComparer : IEqualityComparer<float[]>
    {
        public static readonly VectorContentComparer Instance = new();

        public bool Equals(float[]? x, float[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(float[] obj)
        {
            var hash = new HashCode();
            hash.Add(obj.Length);
            for (var i = 0; i < Math.Min(obj.Length, 16); i++)
            {
                hash.Add(obj[i]);
            }

            return hash.ToHashCode();
        }
    }
}
