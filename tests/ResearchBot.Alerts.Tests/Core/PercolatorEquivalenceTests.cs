using System.Collections.Immutable;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;

namespace ResearchBot.Alerts.Tests.Core;

/// <summary>
/// The percolator (anchors, required-term prefilter, span word lookup, pooled per-thread state, parallel parts) must
/// find exactly what evaluating every query's tree on every paper finds, with the same score and reasons, on text
/// that exercises the tokenizer's corners: plurals, apostrophes, capitals, accents and TeX (the non-ASCII path),
/// words longer than the word buffer, author name forms, odd categories, dates and subscriptions made late.
/// </summary>
public sealed class PercolatorEquivalenceTests
{
    private static readonly string[] Words =
    [
        "graph", "graphs", "neural", "network", "networks", "diffusion", "audio", "robot", "robots", "protein", "language",
        "model", "model's", "models", "survey", "quantum", "spiking", "study", "studies", "analysis", "class", "classes",
        "bias", "corpus", "Transformer", "TRANSFORMERS", "naïve", "café", "Schr\\\"odinger", "Schrödinger", "don't", "x2",
        "3d", "gaussian", "Gaussians", "policy", "policies", "series", "kernel", "kernels", "flow", "flows", "matching",
        "attention", "sparse", "sparsity", "the", "of", "learning", "data",
        "pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosisx",
    ];

    private static readonly string[] People = ["Konrad Kording", "K. Kording", "Kording, Konrad", "Wei Yu", "Yu Wei", "José García", "J. Garcia", "Ada Lovelace", "A Lovelace", "Yujia Li"];
    private static readonly string[] QueryPeople = ["Konrad Kording", "Kording", "Wei Yu", "Jose Garcia", "J. García", "Ada Lovelace", "Y. Li", "Li"];
    private static readonly string[] Cats = ["cs.LG", "cs.CL", " CS.ro ", "q-bio.NC", "stat.ML", "quant-ph", "math.ST", "physics"];
    private static readonly string[] QueryCats = ["cs.LG", "cs.CL", "cs.RO", "q-bio.NC", "stat.ML", "quant-ph", "physics"];
    private static readonly string[] QueryArchives = ["cs", "q-bio", "stat", "math", "physics"];

    [Fact]
    public void Match_EqualsEvaluatingEveryQueryOnEveryPaper()
    {
        var rng = new Random(2026);
        var made = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var entries = new List<PercolatorEntry>();
        while (entries.Count < 2000)
        {
            var id = entries.Count + 1;
            if (AlertQueryParser.Parse(Query(rng, depth: 0)).Query is { } query)
            {
                var subscription = new AlertSubscription
                {
                    Id = id,
                    Channel = new ChannelAddress("discord", "g", "c" + id),
                    Query = query.Text,
                    CreatedBy = "u",
                    CreatedAt = rng.Next(10) == 0 ? made.AddDays(30) : made,
                    StartAfterSeq = rng.Next(8) == 0 ? rng.Next(2000) : 0,
                };
                entries.Add(new PercolatorEntry(subscription, query));
            }
        }

        var papers = Enumerable.Range(1, 2000).Select(i => Paper(rng, i, made)).ToList();
        var percolator = new AlertPercolator(entries);

        var expected = new List<(long Seq, long Sub, double Score, string Why)>();
        foreach (var paper in papers)
        {
            var features = new PaperFeatures(paper);
            foreach (var entry in entries)
            {
                if (paper.Seq > entry.Subscription.StartAfterSeq && !AlertPercolator.IsOldNewsFor(paper, entry.Subscription.CreatedAt)
                    && entry.Query.Match(features) is { } match)
                {
                    expected.Add((paper.Seq, entry.Subscription.Id, match.Score, string.Join(" | ", match.Why)));
                }
            }
        }

        var batch = percolator.Match(papers);
        // One paper at a time and in uneven batches too: the pooled state must carry nothing from one call to the next.
        var single = papers.SelectMany(p => percolator.Match([p])).ToList();
        var uneven = papers.Chunk(137).SelectMany(c => percolator.Match(c)).ToList();

        Assert.True(expected.Count > 5000, $"the random data should produce many matches, got {expected.Count}");
        Assert.True(expected.Select(e => e.Sub).Distinct().Count() > 700, "most kinds of query should match something");
        var want = expected.Order().ToList();
        foreach (var hits in new[] { batch, single, uneven })
        {
            var got = hits.Select(h => (h.Paper.Seq, h.Subscription.Id, h.Match.Score, string.Join(" | ", h.Match.Why))).Order().ToList();
            Assert.Equal(want, got);
        }
    }

    [Fact]
    public void Match_RunsNoProgramForACandidateMissingARequiredTerm()
    {
        var entries = Enumerable.Range(0, 100).Select(i => new PercolatorEntry(
            new AlertSubscription { Id = i + 1, Channel = new ChannelAddress("discord", "g", "c"), Query = "q", CreatedBy = "u", CreatedAt = DateTimeOffset.UnixEpoch, StartAfterSeq = 0 },
            AlertQueryParser.Parse($"topic{i} \"rare words\" cat:cs.LG").Query!)).ToList();
        var percolator = new AlertPercolator(entries);
        Paper P(long seq, string title, string category) => new() { Seq = seq, Id = "p" + seq, Title = title, Categories = [category], IndexedAt = DateTimeOffset.UnixEpoch };

        var hits = percolator.Match([P(1, "topic1 rare words", "cs.CL"), P(2, "topic2 words rare", "cs.LG"), P(3, "topic3 rare words", "cs.LG")]);

        Assert.Equal([(3L, 4L)], hits.Select(h => (h.Paper.Seq, h.Subscription.Id)));
        Assert.Equal(2, percolator.Evaluations); // paper 1 lacks the category; paper 2 has the words, not the phrase
        Assert.Equal(1, percolator.Prefiltered);
    }

    private static string Query(Random rng, int depth)
    {
        string Word() => Words[rng.Next(Words.Length)].Replace("\"", "", StringComparison.Ordinal);
        string Leaf() => rng.Next(9) switch
        {
            0 => $"author:\"{QueryPeople[rng.Next(QueryPeople.Length)]}\"",
            1 => $"cat:{QueryCats[rng.Next(QueryCats.Length)]}",
            2 => $"cat:{QueryArchives[rng.Next(QueryArchives.Length)]}.*",
            3 => $"\"{Word()} {Word()}\"",
            4 => $"\"{Word()} {Word()} {Word()}\"",
            _ => Word(),
        };
        string Part() => depth < 2 && rng.Next(4) == 0 ? $"({Query(rng, depth + 1)})" : Leaf();
        return rng.Next(7) switch
        {
            0 => Part(),
            1 => $"{Part()} {Part()}",
            2 => $"{Part()} {Part()} {Part()}",
            3 => $"{Part()} OR {Part()}",
            4 => $"({Part()} OR {Part()}) -{Part()}",
            5 => $"{Part()} AND NOT {Part()}",
            _ => $"{Part()} OR NOT {Part()}",
        };
    }

    private static Paper Paper(Random rng, long seq, DateTimeOffset made)
    {
        string Text(int words)
        {
            var parts = Enumerable.Range(0, words).Select(_ => Words[rng.Next(Words.Length)]);
            var separators = new[] { " ", " ", " ", ", ", "-", " (", ") ", "; ", " 'quoted' " };
            return string.Concat(parts.Select(w => w + separators[rng.Next(separators.Length)]));
        }

        return new Paper
        {
            Seq = seq,
            Id = "p" + seq,
            Title = rng.Next(30) == 0 ? "" : Text(1 + rng.Next(8)),
            Abstract = rng.Next(10) == 0 ? null : Text(rng.Next(40)),
            Authors = rng.Next(15) == 0 ? default : [.. Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => People[rng.Next(People.Length)])],
            Categories = rng.Next(15) == 0 ? ImmutableArray<string>.Empty : [.. Enumerable.Range(0, 1 + rng.Next(2)).Select(_ => Cats[rng.Next(Cats.Length)])],
            Published = rng.Next(6) switch
            {
                0 => null,
                1 => DateOnly.FromDateTime(made.UtcDateTime).AddDays(-15 - rng.Next(30)),
                _ => DateOnly.FromDateTime(made.UtcDateTime).AddDays(-rng.Next(14)),
            },
            PublishedYearOnly = rng.Next(20) == 0,
            IndexedAt = made,
        };
    }
}
