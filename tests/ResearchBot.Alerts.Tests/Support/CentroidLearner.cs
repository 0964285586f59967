using System.Numerics.Tensors;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Alerts.Tests.Support;

/// <summary>
/// The tests' own learner, independent of the production one: the mean of examples and 👍 minus half the mean of 👎
/// (a later vote of a paper replaces an earlier one is not modelled: every vote counts), unit length, no bias. The
/// threshold is the score of the (perWeek × weeks)-th best recent paper.
/// </summary>
public sealed class CentroidLearner : IInterestLearner
{
    public int Fits { get; private set; }

    public InterestModel Fit(string spaceId, IReadOnlyList<LabeledVector> evidence, IReadOnlyList<float[]> background, float threshold)
    {
        Fits++;
        var dims = evidence[0].Vector.Length;
        var w = new float[dims];
        var pos = evidence.Where(e => e.Label != InterestLabel.Down).ToList();
        var neg = evidence.Where(e => e.Label == InterestLabel.Down).ToList();
        foreach (var e in pos)
        {
            TensorPrimitives.MultiplyAdd(e.Vector, 1f / pos.Count, w, w);
        }

        foreach (var e in neg)
        {
            TensorPrimitives.MultiplyAdd(e.Vector, -0.5f / neg.Count, w, w);
        }

        var norm = TensorPrimitives.Norm(w);
        if (norm > 0)
        {
            TensorPrimitives.Divide(w, norm, w);
        }

        return new InterestModel(spaceId, w, 0f, threshold);
    }

    public float Calibrate(IReadOnlyList<float> recentScores, TimeSpan window, double perWeek)
    {
        var k = (int)Math.Round(perWeek * window.TotalDays / 7);
        var sorted = recentScores.OrderDescending().ToList();
        return sorted.Count == 0 ? 0.3f : k <= 0 ? sorted[0] : k >= sorted.Count ? Math.Min(sorted[^1] - 1e-4f, 0.3f) : sorted[k - 1] - 1e-6f;
    }
}
