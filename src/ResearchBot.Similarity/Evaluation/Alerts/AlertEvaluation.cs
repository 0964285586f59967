using System.Globalization;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Similarity.Evaluation.Alerts;

/// <summary>What <see cref="AlertEvaluation"/> simulates on.</summary>
/// <param name="File">One JSON object a line with <c>id</c>, <c>title</c>, <c>abstract</c>, <c>categories</c> (primary first), in time order.</param>
/// <param name="Dimensions">The LSA engine's dimensions (<see cref="EvalRequest.MinDimensions"/>–<see cref="EvalRequest.MaxDimensions"/>).</param>
public sealed record AlertEvalRequest(string File, int Dimensions = EvalRequest.DefaultDimensions);

/// <summary>
/// The alert simulation behind <c>researchbot eval alerts FILE</c> (protocol: <see cref="AlertSimulationProtocol"/>):
/// keyword subscriptions, <c>like:</c> without and with votes (the product's <see cref="IInterestLearner"/> on the LSA
/// engine fitted on the history) and arxiv-sanity-lite's SVM on TF-IDF, one line each, in one run.
/// </summary>
public sealed class AlertEvaluation(IScratchIndexFactory scratchFactory, IInterestLearner learner, IProgressReporter progress)
{
    /// <summary>Minimum usable papers: enough for a history and 10 batches with a channel of 30.</summary>
    public const int MinDocuments = 100;

    /// <summary>Prints the table to <paramref name="output"/>; returns 0 done, 1 too small a corpus or no channel, 2 no such file.</summary>
    public Task<int> RunAsync(AlertEvalRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(request, [], output, error, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(AlertEvalRequest, TextWriter, TextWriter, CancellationToken)"/>, with more <c>like:</c>
    /// learners measured next to the product's (with votes), one line each: for tuning a learner before it ships.
    /// </summary>
    public async Task<int> RunAsync(AlertEvalRequest request, IReadOnlyList<(string Name, IInterestLearner Learner)> candidates, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Dimensions, EvalRequest.MinDimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Dimensions, EvalRequest.MaxDimensions);
        if (!File.Exists(request.File))
        {
            await error.WriteLineAsync($"No such file: {request.File}");
            return 2;
        }

        var (docs, skipped) = EvalDocument.Load(request.File);
        if (docs.Count < MinDocuments)
        {
            await error.WriteLineAsync($"{request.File} has {docs.Count} usable papers ({skipped} skipped); the simulation needs at least {MinDocuments}.");
            return 1;
        }

        var (historyEnd, batches) = AlertSimulationProtocol.Split(docs.Count);
        var channels = AlertSimulationProtocol.Channels(docs, historyEnd, out var channelsSkipped);
        if (channels.Count == 0)
        {
            await error.WriteLineAsync($"{request.File} has no primary category with {AlertSimulationProtocol.MinPapersPerCategory} papers and {AlertSimulationProtocol.ExamplesPerChannel} in the history: no channel to simulate.");
            return 1;
        }

        SimulationCorpus corpus;
        string engine;
        using (progress.Start("eval alerts: fitting on the history", unit: null))
        {
            (corpus, engine) = await BuildCorpusAsync(docs, historyEnd, batches, channels, request.Dimensions, cancellationToken);
        }

        List<SimulatedMethod> methods =
        [
            new KeywordMethod(),
            new LikeMethod("b-like", learner, learnFromVotes: false),
            new LikeMethod("c-like+votes", learner, learnFromVotes: true),
            new SvmMethod(),
            .. candidates.Select(c => new LikeMethod(c.Name, c.Learner, learnFromVotes: true)),
        ];
        var rows = new List<AlertSimulationRow>();
        using (var tracker = progress.Start("eval alerts: simulating", "channels"))
        {
            var done = 0;
            var total = methods.Count * channels.Count;
            foreach (var method in methods)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add(AlertSimulation.Run(corpus, method, learner, () =>
                {
                    var now = Interlocked.Increment(ref done);
                    tracker.Report(now, (double)now / total);
                }));
            }
        }

        await output.WriteLineAsync(Table(request.File, corpus, engine, skipped, channelsSkipped, rows, methods.Select(m => m.Notes()).OfType<string>()));
        return 0;
    }

    private async Task<(SimulationCorpus Corpus, string Engine)> BuildCorpusAsync(
        List<EvalDocument> docs, int historyEnd, IReadOnlyList<(int Start, int End)> batches, List<SimulatedChannel> channels, int dimensions, CancellationToken cancellationToken)
    {
        var runner = await EvalRunner.CreateAsync(scratchFactory, docs[..historyEnd], dimensions, cancellationToken);
        await using (runner.Scratch)
        {
            var model = runner.Engine.Model;
            var dense = new float[docs.Count][];
            var sparse = new SparseVector[docs.Count];
            for (var i = 0; i < docs.Count; i++)
            {
                var weights = model.Weights(LsaEngine.TextOf(docs[i].Title, docs[i].Abstract));
                sparse[i] = SparseVector.From(weights);
                dense[i] = new float[model.Dimensions];
                model.Project(weights, dense[i]); // a text with no known term stays a zero vector
            }

            var corpus = new SimulationCorpus
            {
                Documents = docs,
                HistoryEnd = historyEnd,
                Batches = batches,
                Channels = channels,
                SpaceId = $"{LsaEngine.Kind}/eval-{model.Dimensions}",
                Dense = dense,
                Sparse = sparse,
                Vocabulary = model.Vocabulary,
            };
            return (corpus, $"LSA-{model.Dimensions} fitted on the history ({model.Vocabulary.Length} terms)");
        }
    }

    /// <summary>The table as printed: a header, one line per method (name, P@10, P@10 of each day, recall, instant F1, instant papers per batch), notes.</summary>
    internal static string Table(string file, SimulationCorpus corpus, string engine, int skipped, int channelsSkipped, IEnumerable<AlertSimulationRow> rows, IEnumerable<string> notes)
    {
        var batch = corpus.Batches[0].End - corpus.Batches[0].Start;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Corpus: {Path.GetFileName(file)} — {corpus.Documents.Count} papers{(skipped > 0 ? $" ({skipped} lines skipped)" : "")}; history {corpus.HistoryEnd}, stream {corpus.Documents.Count - corpus.HistoryEnd} in {corpus.Batches.Count} batches of ~{batch}"),
            string.Create(CultureInfo.InvariantCulture,
                $"Channels: {corpus.Channels.Count} (primary categories with ≥ {AlertSimulationProtocol.MinPapersPerCategory} papers, the {AlertSimulationProtocol.MaxChannels} largest{(channelsSkipped > 0 ? $"; {channelsSkipped} without 3 history papers skipped" : "")}); vectors: {engine}"),
            "",
            $"{"method",-16} {"P@10",6} {string.Join(" ", Enumerable.Range(1, corpus.Batches.Count).Select(d => $"{"d" + d.ToString(CultureInfo.InvariantCulture),5}"))} {"recall",7} {"F1",6} {"inst/wk",8}",
        };
        foreach (var r in rows)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{r.Method,-16} {r.PrecisionAt10,6:0.000} {string.Join(" ", r.PrecisionPerDay.Select(p => p.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(5)))} {r.Recall,7:0.000} {r.InstantF1,6:0.000} {r.InstantPerBatch,8:0.0}"));
        }

        lines.Add("");
        lines.Add("P@10: share of each digest (top 10 of a batch) that carries the channel's category, macro-averaged over channels; d1…d10 per day.");
        lines.Add("recall: share of the stream's relevant papers that reached a digest. F1: instant mode at the threshold calibrated to per:week:10");
        lines.Add("(a week = a batch: 10 papers of the previous batch clear it); keywords announce every match. inst/wk: papers announced per batch.");
        lines.AddRange(notes);
        return string.Join(Environment.NewLine, lines);
    }
}
