using System.Diagnostics;
using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;

namespace ResearchBot.Similarity.Evaluation.Alerts;

/// <summary>One way of choosing a channel's papers in the simulation.</summary>
internal abstract class SimulatedMethod(string name)
{
    public string Name { get; } = name;

    /// <summary>Work shared by all channels, before any subscribes.</summary>
    public virtual void Prepare(SimulationCorpus corpus)
    {
    }

    public abstract ChannelRun Subscribe(SimulationCorpus corpus, SimulatedChannel channel);

    /// <summary>A line of method-specific notes for the footer (refit cost…), or null.</summary>
    public virtual string? Notes() => null;
}

/// <summary>One channel's subscription under a method.</summary>
internal abstract class ChannelRun
{
    /// <summary>The score of a stream document; NaN when the method does not match it at all.</summary>
    public abstract float Score(int document);

    /// <summary>False when instant mode announces every match (keyword queries); true: at a calibrated threshold.</summary>
    public virtual bool Calibrates => true;

    /// <summary>The day's votes, in rank order.</summary>
    public virtual void Learn(IReadOnlyList<SimulatedVote> votes)
    {
    }
}

/// <summary>
/// (a) A keyword subscription: the 5 strongest TF-IDF terms of the 3 examples (their summed weights) OR'ed, parsed by
/// the alert query language and matched by the percolator; digests rank matches by the match score.
/// </summary>
internal sealed class KeywordMethod() : SimulatedMethod("a-keywords")
{
    public const int Terms = 5;
    private readonly Dictionary<string, float[]> _scores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _queries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Queries => _queries;

    public override void Prepare(SimulationCorpus corpus)
    {
        var entries = new List<PercolatorEntry>();
        var channelOf = new Dictionary<long, string>();
        var created = DateTimeOffset.UnixEpoch;
        foreach (var channel in corpus.Channels)
        {
            var text = QueryOf(corpus, channel);
            _queries[channel.Category] = text ?? "";
            var parsed = text is null ? null : AlertQueryParser.Parse(text).Query;
            _scores[channel.Category] = Enumerable.Repeat(float.NaN, corpus.Documents.Count).ToArray();
            if (parsed is null)
            {
                continue;
            }

            var id = entries.Count + 1;
            channelOf[id] = channel.Category;
            entries.Add(new PercolatorEntry(
                new AlertSubscription
                {
                    Id = id,
                    Channel = new ChannelAddress("eval", "eval", channel.Category),
                    Query = text!,
                    Mode = AlertMode.Daily,
                    CreatedBy = "eval",
                    CreatedAt = created,
                    StartAfterSeq = corpus.HistoryEnd,
                },
                parsed));
        }

        var percolator = new AlertPercolator(entries);
        var papers = Enumerable.Range(corpus.HistoryEnd, corpus.Documents.Count - corpus.HistoryEnd).Select(i => new Paper
        {
            Seq = i + 1,
            Id = corpus.Documents[i].Id,
            Title = corpus.Documents[i].Title,
            Abstract = corpus.Documents[i].Abstract,
            Categories = [.. corpus.Documents[i].Categories],
            IndexedAt = created,
        }).ToList();
        foreach (var hit in percolator.Match(papers))
        {
            _scores[channelOf[hit.Subscription.Id]][hit.Paper.Seq - 1] = (float)hit.Match.Score;
        }
    }

    /// <summary>The query text, or null when the examples have no term.</summary>
    internal static string? QueryOf(SimulationCorpus corpus, SimulatedChannel channel)
    {
        var sum = new Dictionary<int, float>();
        foreach (var e in channel.Examples)
        {
            var x = corpus.Sparse[e];
            for (var i = 0; i < x.Terms.Length; i++)
            {
                sum[x.Terms[i]] = sum.GetValueOrDefault(x.Terms[i]) + x.Weights[i];
            }
        }

        var terms = sum.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(Terms)
            .Select(kv => corpus.Vocabulary[kv.Key])
            .Select(t => t.Contains(' ', StringComparison.Ordinal) ? $"\"{t}\"" : t)
            .ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    public override ChannelRun Subscribe(SimulationCorpus corpus, SimulatedChannel channel) => new Run(_scores[channel.Category]);

    private sealed class Run(float[] scores) : ChannelRun
    {
        public override float Score(int document) => scores[document];

        public override bool Calibrates => false;
    }
}

/// <summary>(b)/(c) <c>like:</c> the examples, on the engine's dense vectors, through the product's <see cref="IInterestLearner"/>.</summary>
internal sealed class LikeMethod(string name, IInterestLearner learner, bool learnFromVotes) : SimulatedMethod(name)
{
    private readonly IInterestLearner _learner = learner;
    private readonly bool _learnFromVotes = learnFromVotes;
    private long _refits;
    private long _refitTicks;

    public override ChannelRun Subscribe(SimulationCorpus corpus, SimulatedChannel channel)
    {
        var evidence = channel.Examples.Select(e => new LabeledVector(corpus.Dense[e], InterestLabel.Example)).ToList();
        return new Run(this, corpus, evidence, _learner.Fit(corpus.SpaceId, evidence, corpus.Background, 0f));
    }

    public override string? Notes() => _refits == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {_refits} refits (one per vote), {_refitTicks * 1e6 / Stopwatch.Frequency / _refits:0.0} µs each on average");

    private sealed class Run(LikeMethod method, SimulationCorpus corpus, List<LabeledVector> evidence, InterestModel model) : ChannelRun
    {
        private InterestModel _model = model;

        public override float Score(int document) => _model.Score(corpus.Dense[document]);

        public override void Learn(IReadOnlyList<SimulatedVote> votes)
        {
            if (!method._learnFromVotes)
            {
                return;
            }

            foreach (var vote in votes)
            {
                evidence.Add(new LabeledVector(corpus.Dense[vote.Document], vote.Up ? InterestLabel.Up : InterestLabel.Down));
                var start = Stopwatch.GetTimestamp();
                _model = method._learner.Fit(corpus.SpaceId, evidence, corpus.Background, _model.Threshold);
                Interlocked.Add(ref method._refitTicks, Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref method._refits);
            }
        }
    }
}

/// <summary>
/// (d) arxiv-sanity-lite: a linear SVM on TF-IDF per channel, the examples and 👍 positive, the history (less the
/// examples) and 👎 negative, retrained after each day.
/// </summary>
internal sealed class SvmMethod() : SimulatedMethod("d-svm-tfidf")
{
    private long _fits;
    private long _fitTicks;

    public override ChannelRun Subscribe(SimulationCorpus corpus, SimulatedChannel channel)
    {
        var svm = new LinearSvm(corpus.Vocabulary.Length);
        var examples = channel.Examples.ToHashSet();
        for (var i = 0; i < corpus.HistoryEnd; i++)
        {
            svm.Set(i, corpus.Sparse[i], examples.Contains(i));
        }

        var run = new Run(this, corpus, svm);
        run.Refit();
        return run;
    }

    public override string? Notes() => _fits == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {_fits} fits (one per channel and day), {_fitTicks * 1000.0 / Stopwatch.Frequency / _fits:0.0} ms each on average");

    private sealed class Run(SvmMethod method, SimulationCorpus corpus, LinearSvm svm) : ChannelRun
    {
        public override float Score(int document) => svm.Score(corpus.Sparse[document]);

        public override void Learn(IReadOnlyList<SimulatedVote> votes)
        {
            foreach (var vote in votes)
            {
                svm.Set(vote.Document, corpus.Sparse[vote.Document], vote.Up);
            }

            Refit();
        }

        public void Refit()
        {
            var start = Stopwatch.GetTimestamp();
            svm.Fit();
            Interlocked.Add(ref method._fitTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref method._fits);
        }
    }
}
