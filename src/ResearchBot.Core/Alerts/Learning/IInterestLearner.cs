namespace ResearchBot.Core.Alerts.Learning;

/// <summary>What a paper's vector says about a channel's interest.</summary>
public enum InterestLabel
{
    /// <summary>One of the subscription's example papers (<c>like:</c>).</summary>
    Example,

    /// <summary>A 👍 on an alerted paper.</summary>
    Up,

    /// <summary>A 👎 on an alerted paper.</summary>
    Down,
}

/// <summary>One piece of evidence: a paper's unit vector (in <see cref="Similarity.IPaperVectors.SpaceId"/>) and its label.</summary>
public sealed record LabeledVector(float[] Vector, InterestLabel Label);

/// <summary>
/// A linear interest model: <c>score(x) = Weights·x + Bias</c>, so a batch of papers is scored against every
/// subscription with one dense pass. <see cref="Threshold"/> is the instant-mode cut-off (calibrated to a volume).
/// </summary>
/// <param name="SpaceId">The vector space the weights live in; a model from another space must be refitted.</param>
public sealed record InterestModel(string SpaceId, float[] Weights, float Bias, float Threshold)
{
    /// <summary>The model's score of a unit vector of the same space.</summary>
    public float Score(ReadOnlySpan<float> vector) => System.Numerics.Tensors.TensorPrimitives.Dot(Weights, vector) + Bias;
}

/// <summary>Fits and calibrates <see cref="InterestModel"/>s. Implementations must stay cheap: a vote refits at once.</summary>
public interface IInterestLearner
{
    /// <summary>
    /// Fits a model from the evidence (examples first, then votes in time order; a later vote of the same paper wins)
    /// and a background sample of recent papers that stand for "not asked for". The threshold is left as given.
    /// </summary>
    InterestModel Fit(string spaceId, IReadOnlyList<LabeledVector> evidence, IReadOnlyList<float[]> background, float threshold);

    /// <summary>
    /// The threshold that would have announced about <paramref name="perWeek"/> papers a week, given the scores of
    /// the papers that arrived over <paramref name="window"/>.
    /// </summary>
    float Calibrate(IReadOnlyList<float> recentScores, TimeSpan window, double perWeek);
}
