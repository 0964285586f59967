namespace ResearchBot.Similarity.Evaluation.Alerts;

/// <summary>A simulated channel: its category (its interest: papers that carry it) and its example papers (document indexes).</summary>
public sealed record SimulatedChannel(string Category, IReadOnlyList<int> Examples);

/// <summary>A vote of the simulation: the document index and whether it was 👍.</summary>
public readonly record struct SimulatedVote(int Document, bool Up);

/// <summary>
/// The fixed protocol of <c>researchbot eval alerts</c>, so the figures mean the same on every corpus: file order is
/// time order; the first 30 % is history (indexed, never announced), the rest the stream in 10 equal batches ("days");
/// one channel per primary category with at least 30 papers (the 40 largest, ties broken by name), subscribing
/// <c>like:</c> the first 3 papers of its category in the history; after each batch a digest of the channel's top 10,
/// then 👍/👎 on up to 5 of them in rank order (👍 when the paper carries the channel's category).
/// </summary>
public static class AlertSimulationProtocol
{
    public const double HistoryShare = 0.3;
    public const int Batches = 10;
    public const int MaxChannels = 40;
    public const int MinPapersPerCategory = 30;
    public const int ExamplesPerChannel = 3;
    public const int DigestSize = 10;
    public const int VotesPerDigest = 5;

    /// <summary>
    /// Instant mode's target volume, <c>per:week:10</c> (the product's default). In the simulation a "week" is one
    /// batch: the threshold is calibrated before each batch so that 10 papers of the batch before it would have cleared.
    /// </summary>
    public const double PerWeek = 10;

    /// <summary>The end of the history (exclusive) and the 10 batches, as [start, end) document ranges.</summary>
    public static (int HistoryEnd, IReadOnlyList<(int Start, int End)> Batches) Split(int documents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        var history = (int)Math.Floor(documents * HistoryShare);
        var stream = documents - history;
        var batches = new (int, int)[Batches];
        for (var b = 0; b < Batches; b++)
        {
            batches[b] = (history + (int)((long)stream * b / Batches), history + (int)((long)stream * (b + 1) / Batches));
        }

        return (history, batches);
    }

    /// <summary>
    /// The channels: primary categories (first listed, compared ignoring case) with at least 30 papers in the whole
    /// file, the 40 largest, ties broken by name (ordinal); each with the first 3 history papers that carry it. A
    /// category with fewer than 3 papers in the history gets no channel (counted in <paramref name="skipped"/>).
    /// </summary>
    public static List<SimulatedChannel> Channels(IReadOnlyList<EvalDocument> documents, int historyEnd, out int skipped)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var counts = new Dictionary<string, (string Name, int Count)>(StringComparer.OrdinalIgnoreCase);
        foreach (var doc in documents)
        {
            var primary = doc.Categories[0];
            counts[primary] = counts.TryGetValue(primary, out var c) ? (c.Name, c.Count + 1) : (primary, 1);
        }

        var chosen = counts.Values
            .Where(c => c.Count >= MinPapersPerCategory)
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxChannels)
            .Select(c => c.Name);
        var channels = new List<SimulatedChannel>();
        skipped = 0;
        foreach (var category in chosen)
        {
            var examples = Enumerable.Range(0, Math.Min(historyEnd, documents.Count))
                .Where(i => IsRelevant(documents[i], category))
                .Take(ExamplesPerChannel)
                .ToList();
            if (examples.Count < ExamplesPerChannel)
            {
                skipped++;
                continue;
            }

            channels.Add(new SimulatedChannel(category, examples));
        }

        return channels;
    }

    /// <summary>The channel's interest: the paper carries its category (in any position).</summary>
    public static bool IsRelevant(EvalDocument document, string category) =>
        document.Categories.Contains(category, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The digest of a batch: the indexes (into <paramref name="scores"/>) of the top <see cref="DigestSize"/> scores,
    /// best first, ties in batch (time) order; NaN and −∞ mean "not matched" and never enter.
    /// </summary>
    public static List<int> Digest(ReadOnlySpan<float> scores, int size = DigestSize)
    {
        var candidates = new List<int>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (!float.IsNaN(scores[i]) && !float.IsNegativeInfinity(scores[i]))
            {
                candidates.Add(i);
            }
        }

        var copy = scores.ToArray();
        candidates.Sort((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return candidates.Count > size ? candidates[..size] : candidates;
    }

    /// <summary>The votes on a digest: the first <see cref="VotesPerDigest"/> papers in rank order, 👍 when relevant.</summary>
    public static List<SimulatedVote> Votes(IReadOnlyList<int> digest, Func<int, bool> relevant)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(relevant);
        return [.. digest.Take(VotesPerDigest).Select(d => new SimulatedVote(d, relevant(d)))];
    }
}
