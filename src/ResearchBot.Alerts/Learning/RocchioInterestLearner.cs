using System.Numerics.Tensors;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Alerts.Learning;

/// <summary>
/// Rocchio's relevance feedback on unit vectors: <c>w = mean(examples ∪ 👍) − down·mean(👎) − background·mean(background)</c>,
/// scaled to unit length, bias 0, so a score is a cosine-like number in [−1, 1] whatever the evidence. A refit is a
/// few passes over the evidence (microseconds for 128 dimensions), cheap enough to run on every vote.
/// </summary>
public sealed class RocchioInterestLearner : IInterestLearner
{
    /// <summary>Weight of a 👍 relative to an example paper in the positive centroid.</summary>
    public float UpWeight { get; init; } = 1f;

    /// <summary>How much of the 👎 centroid is subtracted.</summary>
    public float DownWeight { get; init; } = 0.5f;

    /// <summary>How much of the background mean is subtracted (what every paper shares says nothing of interest).</summary>
    public float BackgroundWeight { get; init; } = 0.5f;

    /// <inheritdoc />
    public InterestModel Fit(string spaceId, IReadOnlyList<LabeledVector> evidence, IReadOnlyList<float[]> background, float threshold)
    {
        ArgumentException.ThrowIfNullOrEmpty(spaceId);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(background);
        var kept = InterestEvidence.LatestPerPaper(evidence);
        var dimensions = InterestEvidence.Dimensions(kept, background);
        var weights = new float[dimensions];
        if (dimensions == 0)
        {
            return new InterestModel(spaceId, weights, 0f, threshold);
        }

        var positive = new float[dimensions];
        var negative = new float[dimensions];
        float positiveMass = 0, negativeMass = 0;
        foreach (var item in kept)
        {
            switch (item.Label)
            {
                case InterestLabel.Example:
                    TensorPrimitives.Add(positive, item.Vector, positive);
                    positiveMass += 1f;
                    break;
                case InterestLabel.Up:
                    TensorPrimitives.MultiplyAdd(item.Vector, UpWeight, positive, positive);
                    positiveMass += UpWeight;
                    break;
                case InterestLabel.Down:
                    TensorPrimitives.Add(negative, item.Vector, negative);
                    negativeMass += 1f;
                    break;
            }
        }

        if (positiveMass > 0)
        {
            TensorPrimitives.MultiplyAdd(positive, 1f / positiveMass, weights, weights);
        }

        if (negativeMass > 0)
        {
            TensorPrimitives.MultiplyAdd(negative, -DownWeight / negativeMass, weights, weights);
        }

        if (background.Count > 0 && BackgroundWeight != 0)
        {
            var mean = InterestEvidence.Mean(background, dimensions);
            TensorPrimitives.MultiplyAdd(mean, -BackgroundWeight, weights, weights);
        }

        InterestEvidence.NormalizeInPlace(weights);
        return new InterestModel(spaceId, weights, 0f, threshold);
    }

    /// <inheritdoc />
    public float Calibrate(IReadOnlyList<float> recentScores, TimeSpan window, double perWeek) =>
        ThresholdCalibration.ForVolume(recentScores, window, perWeek);
}
