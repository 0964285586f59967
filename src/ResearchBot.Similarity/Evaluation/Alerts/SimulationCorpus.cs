namespace ResearchBot.Similarity.Evaluation.Alerts;

/// <summary>
/// The corpus as the simulated methods see it: the documents in time order, the split, the channels, and for every
/// document its dense vector (the LSA engine fitted on the history; a zero vector where it knows no term) and its
/// sparse TF-IDF vector over the same engine's vocabulary.
/// </summary>
internal sealed class SimulationCorpus
{
    public required IReadOnlyList<EvalDocument> Documents { get; init; }
    public required int HistoryEnd { get; init; }
    public required IReadOnlyList<(int Start, int End)> Batches { get; init; }
    public required IReadOnlyList<SimulatedChannel> Channels { get; init; }
    public required string SpaceId { get; init; }
    public required float[][] Dense { get; init; }
    public required SparseVector[] Sparse { get; init; }
    public required string[] Vocabulary { get; init; }

    /// <summary>The "recent papers" a learner is given as background: up to 256 history papers, evenly spaced.</summary>
    public IReadOnlyList<float[]> Background => _background ??= BackgroundSample(256);

    private IReadOnlyList<float[]>? _background;

    private float[][] BackgroundSample(int size)
    {
        var step = Math.Max(1, HistoryEnd / size);
        return [.. Enumerable.Range(0, HistoryEnd).Where(i => i % step == 0).Take(size).Select(i => Dense[i])];
    }
}
