using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Similarity.Evaluation.Alerts;

/// <summary>One line of the alert simulation's table, macro-averaged over the channels.</summary>
/// <param name="Method">The method's name (no spaces).</param>
/// <param name="PrecisionAt10">Digest precision@10 over all days (an empty slot counts as a miss).</param>
/// <param name="PrecisionPerDay">Digest precision@10 of each day.</param>
/// <param name="Recall">Share of the stream's relevant papers that reached a digest.</param>
/// <param name="InstantF1">F1 of instant mode (announce when the score clears the calibrated threshold) over the stream.</param>
/// <param name="InstantPerBatch">Papers instant mode announced per batch (a "week"), on average.</param>
public sealed record AlertSimulationRow(string Method, double PrecisionAt10, IReadOnlyList<double> PrecisionPerDay, double Recall, double InstantF1, double InstantPerBatch);

/// <summary>Runs the protocol of <see cref="AlertSimulationProtocol"/> for each method over each channel.</summary>
internal static class AlertSimulation
{
    public static AlertSimulationRow Run(SimulationCorpus corpus, SimulatedMethod method, IInterestLearner calibration, Action? channelDone = null)
    {
        method.Prepare(corpus);
        var results = new ChannelResult[corpus.Channels.Count];
        // Channels are independent; one worker per core (more would only blur the per-fit timings in the notes).
        Parallel.For(0, corpus.Channels.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            results[c] = RunChannel(corpus, method, corpus.Channels[c], calibration);
            channelDone?.Invoke();
        });

        var days = corpus.Batches.Count;
        var n = Math.Max(1, results.Length);
        var withRelevant = results.Where(r => r.Relevant > 0).ToList();
        return new AlertSimulationRow(
            method.Name,
            results.Sum(r => r.PrecisionPerDay.Average()) / n,
            [.. Enumerable.Range(0, days).Select(d => results.Sum(r => r.PrecisionPerDay[d]) / n)],
            withRelevant.Count == 0 ? 0 : withRelevant.Average(r => r.InDigests / (double)r.Relevant),
            results.Sum(r => r.F1) / n,
            results.Sum(r => r.Announced / (double)days) / n);
    }

    private sealed record ChannelResult(double[] PrecisionPerDay, int InDigests, int Relevant, double F1, int Announced);

    private static ChannelResult RunChannel(SimulationCorpus corpus, SimulatedMethod method, SimulatedChannel channel, IInterestLearner calibration)
    {
        var run = method.Subscribe(corpus, channel);
        var days = corpus.Batches.Count;
        var precision = new double[days];
        int inDigests = 0, relevant = 0, tp = 0, fp = 0, fn = 0;
        var previousStart = corpus.HistoryEnd - (corpus.Batches[0].End - corpus.Batches[0].Start);
        var previous = (Start: Math.Max(0, previousStart), End: corpus.HistoryEnd);
        bool Relevant(int doc) => AlertSimulationProtocol.IsRelevant(corpus.Documents[doc], channel.Category);
        for (var day = 0; day < days; day++)
        {
            var (start, end) = corpus.Batches[day];
            var scores = new float[end - start];
            for (var i = start; i < end; i++)
            {
                scores[i - start] = run.Score(i);
            }

            // Instant mode: a "week" is a batch; the threshold is what 10 papers of the batch before would have cleared.
            var threshold = float.NegativeInfinity;
            if (run.Calibrates)
            {
                var recent = new float[previous.End - previous.Start];
                for (var i = previous.Start; i < previous.End; i++)
                {
                    recent[i - previous.Start] = run.Score(i);
                }

                threshold = calibration.Calibrate(recent, TimeSpan.FromDays(7), AlertSimulationProtocol.PerWeek);
            }

            for (var i = 0; i < scores.Length; i++)
            {
                var isRelevant = Relevant(start + i);
                var announced = !float.IsNaN(scores[i]) && scores[i] >= threshold;
                relevant += isRelevant ? 1 : 0;
                tp += announced && isRelevant ? 1 : 0;
                fp += announced && !isRelevant ? 1 : 0;
                fn += !announced && isRelevant ? 1 : 0;
            }

            var digest = AlertSimulationProtocol.Digest(scores).Select(i => start + i).ToList();
            var hits = digest.Count(Relevant);
            precision[day] = hits / (double)AlertSimulationProtocol.DigestSize;
            inDigests += hits;
            run.Learn(AlertSimulationProtocol.Votes(digest, Relevant));
            previous = (start, end);
        }

        var f1 = tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
        return new ChannelResult(precision, inDigests, relevant, f1, tp + fp);
    }
}
