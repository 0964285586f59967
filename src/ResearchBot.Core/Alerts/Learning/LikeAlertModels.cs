using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Core.Alerts.Learning;

/// <summary>A fitted model and what it would have announced over <see cref="LikeAlertModels.Window"/>.</summary>
/// <param name="Preview">The recent papers above the threshold (passing the filter), best first.</param>
/// <param name="Scanned">How many recent papers the threshold was calibrated on.</param>
public sealed record LikeFit(InterestModel Model, IReadOnlyList<(Paper Paper, float Score, string Why)> Preview, int Scanned);

/// <summary>
/// Fits the interest model of a <c>like:</c> subscription from its evidence (example papers and votes, kept as paper
/// references and projected now by the active engine, <see cref="IPaperVectors"/>) against a background of recent
/// papers, and calibrates its threshold on the same recent papers to the subscription's weekly volume. Used at
/// subscribe time, after every vote, and whenever the engine's space changed (a refit or an engine switch).
/// </summary>
public sealed class LikeAlertModels(IPaperIndex index, IAlertFeedbackStore store, TimeProvider timeProvider, IPaperVectors? vectors = null, IInterestLearner? learner = null)
{
    /// <summary>The recent papers that stand for "what arrives": the preview window and the calibration window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);

    /// <summary>Weekly volume when <c>per:week:N</c> is not given.</summary>
    public const double DefaultPerWeek = 10;

    private const int RecentScan = 5_000;
    private const int BackgroundSize = 1_000;

    /// <summary>Whether <c>like:</c> subscriptions can be served: an engine with vectors and a learner are registered.</summary>
    public bool Available => vectors is not null && learner is not null;

    /// <summary>The active engine's space; null while it is not ready.</summary>
    public string? SpaceId => vectors?.SpaceId;

    /// <summary>
    /// Fits a model from examples and votes (in time order; a later vote of the same paper wins); null when the engine is
    /// not ready or no example has a vector.
    /// </summary>
    public async Task<LikeFit?> FitAsync(IReadOnlyList<Paper> examples, IReadOnlyList<(Paper Paper, AlertVote Vote)> votes, AlertQuery? filter, double perWeek, CancellationToken cancellationToken)
    {
        if (vectors is null || learner is null || vectors.SpaceId is not { } space)
        {
            return null;
        }

        var since = timeProvider.GetUtcNow() - Window;
        var recent = (await index.RecentlyIndexedAsync(since, RecentScan, cancellationToken)).Where(p => !AlertPercolator.IsOldNewsFor(p, since)).ToList();
        var papers = new List<Paper>(examples.Count + votes.Count + recent.Count);
        papers.AddRange(examples);
        papers.AddRange(votes.Select(v => v.Paper));
        papers.AddRange(recent);
        var projected = await vectors.VectorsOfAsync(papers, cancellationToken);
        if (vectors.SpaceId != space)
        {
            return null; // the space changed while projecting; the caller tries again later
        }

        var evidence = new List<LabeledVector>();
        for (var i = 0; i < examples.Count; i++)
        {
            if (projected[i] is { } v)
            {
                evidence.Add(new LabeledVector(v, InterestLabel.Example));
            }
        }

        if (evidence.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < votes.Count; i++)
        {
            if (projected[examples.Count + i] is { } v)
            {
                evidence.Add(new LabeledVector(v, votes[i].Vote == AlertVote.Up ? InterestLabel.Up : InterestLabel.Down));
            }
        }

        var known = examples.Select(p => p.Seq).Concat(votes.Select(v => v.Paper.Seq)).ToHashSet();
        var offset = examples.Count + votes.Count;
        var recentVectors = new List<(Paper Paper, float[] Vector)>(recent.Count);
        for (var i = 0; i < recent.Count; i++)
        {
            if (projected[offset + i] is { } v)
            {
                recentVectors.Add((recent[i], v));
            }
        }

        var pool = recentVectors.Where(r => !known.Contains(r.Paper.Seq)).ToList();
        var step = Math.Max(1, pool.Count / BackgroundSize);
        var background = pool.Where((_, i) => i % step == 0).Take(BackgroundSize).Select(r => r.Vector).ToList();
        var model = learner.Fit(space, evidence, background, 0f);

        // Calibrated on what could be announced: recent papers passing the filter, not the evidence itself.
        var scored = recentVectors
            .Where(r => !known.Contains(r.Paper.Seq))
            .Where(r => filter is null || filter.Matches(new PaperFeatures(r.Paper)))
            .Select(r => (r.Paper, r.Vector, Score: model.Score(r.Vector)))
            .ToList();
        var threshold = learner.Calibrate([.. scored.Select(s => s.Score)], Window, perWeek);
        model = model with { Threshold = threshold };
        // Each previewed paper says why, as a delivered alert does: the closest example and the words they share.
        var shownExamples = examples.Select((p, i) => projected[i] is { } v ? new LikeExample(p, v, SharedTerms.WordsOf(p)) : null).OfType<LikeExample>().ToList();
        var preview = scored.Where(s => s.Score > threshold)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Paper.Seq)
            .Select(s => (s.Paper, s.Score, Why: string.Join("; ", LikePercolator.Why(shownExamples, s.Paper, s.Vector))))
            .ToList();
        return new LikeFit(model, preview, scored.Count);
    }

    /// <summary>
    /// Refits a stored subscription from its evidence as the engine projects it now, and stores the model when
    /// <paramref name="save"/>; null when it cannot be fitted yet (engine not ready, examples gone).
    /// </summary>
    public async Task<InterestModel?> RefitAsync(AlertSubscription subscription, bool save, CancellationToken cancellationToken)
    {
        if (!Available || LikeQuery.Parse(subscription.Query) is not { } like)
        {
            return null;
        }

        var evidence = await store.EvidenceAsync(subscription.Id, cancellationToken);
        var papers = (await index.GetBySeqAsync([.. evidence.Examples.Concat(evidence.Votes.Select(v => v.PaperSeq)).Distinct()], cancellationToken)).ToDictionary(p => p.Seq);
        var examples = evidence.Examples.Where(papers.ContainsKey).Select(s => papers[s]).ToList();
        var votes = evidence.Votes.Where(v => papers.ContainsKey(v.PaperSeq)).Select(v => (papers[v.PaperSeq], v.Vote)).ToList();
        var filter = like.FilterQuery;
        var fit = await FitAsync(examples, votes, filter, subscription.PerWeek ?? DefaultPerWeek, cancellationToken);
        if (fit is null)
        {
            return null;
        }

        if (save)
        {
            await store.SaveModelAsync(subscription.Id, fit.Model, cancellationToken);
        }

        return fit.Model;
    }

    /// <summary>The example papers with their vectors and words, for the "why" of alerts; examples without a vector are left out.</summary>
    public async Task<IReadOnlyList<LikeExample>> ExamplesAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        if (vectors is null || seqs.Count == 0)
        {
            return [];
        }

        var papers = (await index.GetBySeqAsync(seqs, cancellationToken)).ToList();
        var projected = await vectors.VectorsOfAsync(papers, cancellationToken);
        return [.. papers.Select((p, i) => projected[i] is { } v ? new LikeExample(p, v, SharedTerms.WordsOf(p)) : null).OfType<LikeExample>()];
    }
}
