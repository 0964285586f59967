using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;

namespace ResearchBot.Alerts.Tests.Core;

public sealed class AlertPercolatorTests
{
    private static readonly string[] Words = ["graph", "neural", "network", "diffusion", "audio", "robot", "protein", "language", "model", "survey", "quantum", "spiking"];
    private static readonly string[] Cats = ["cs.LG", "cs.CL", "cs.RO", "q-bio.NC", "stat.ML", "quant-ph"];
    private static readonly string[] People = ["Konrad Kording", "Wei Yu", "Yujia Li", "Ada Lovelace"];

    private static AlertSubscription Sub(long id, long startAfter = 0) => new()
    {
        Id = id,
        Channel = new ChannelAddress("discord", "g", "c" + id),
        Query = "x",
        CreatedBy = "u",
        CreatedAt = DateTimeOffset.UnixEpoch,
        StartAfterSeq = startAfter,
    };

    [Fact]
    public void Match_FindsExactlyWhatEvaluatingEveryQueryFinds()
    {
        var rng = new Random(42);
        var entries = new List<PercolatorEntry>();
        for (var i = 0; i < 400; i++)
        {
            var query = AlertQueryParser.Parse(RandomQuery(rng)).Query;
            if (query is not null)
            {
                entries.Add(new PercolatorEntry(Sub(i), query));
            }
        }

        var papers = Enumerable.Range(1, 300).Select(i => RandomPaper(rng, i)).ToList();
        var percolator = new AlertPercolator(entries);

        var hits = percolator.Match(papers);
        var found = hits.Select(h => (h.Paper.Seq, h.Subscription.Id)).ToHashSet();
        var expected = papers.Select(p => new PaperFeatures(p))
            .SelectMany(f => entries.Where(e => e.Query.Matches(f)).Select(e => (f.Paper.Seq, e.Subscription.Id))).ToHashSet();

        Assert.True(expected.Count > 100, $"the random data should produce matches, got {expected.Count}");
        Assert.Equal(expected.OrderBy(x => x).ToList(), found.OrderBy(x => x).ToList());
        foreach (var hit in hits)
        {
            var tree = entries.Single(e => e.Subscription.Id == hit.Subscription.Id).Query.Match(new PaperFeatures(hit.Paper))!.Value;
            Assert.Equal(tree.Score, hit.Match.Score);
            Assert.Equal(tree.Why, hit.Match.Why);
        }
    }

    [Fact]
    public void Match_EvaluatesOnlySubscriptionsFiledUnderThePapersKeys()
    {
        var entries = Enumerable.Range(0, 1000).Select(i => new PercolatorEntry(Sub(i), AlertQueryParser.Parse($"topic{i} OR author:\"Person{i}\"").Query!)).ToList();
        var percolator = new AlertPercolator(entries);
        var papers = Enumerable.Range(1, 100).Select(i => new Paper { Seq = i, Id = "p" + i, Title = $"About topic{i * 7} and more", IndexedAt = DateTimeOffset.UnixEpoch }).ToList();

        var hits = percolator.Match(papers);

        Assert.Equal(100, hits.Count);
        Assert.Equal(100, percolator.Evaluations);
    }

    [Fact]
    public void Match_SkipsPapersFromBeforeTheSubscription()
    {
        var query = AlertQueryParser.Parse("graph").Query!;
        var percolator = new AlertPercolator([new PercolatorEntry(Sub(1, startAfter: 10), query)]);
        Paper P(long seq) => new() { Seq = seq, Id = "p" + seq, Title = "Graph", IndexedAt = DateTimeOffset.UnixEpoch };

        var hits = percolator.Match([P(9), P(10), P(11)]);

        Assert.Equal([11L], hits.Select(h => h.Paper.Seq));
    }

    [Fact]
    public void Match_SkipsPapersPublishedWellBeforeTheSubscription()
    {
        var made = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var percolator = new AlertPercolator([new PercolatorEntry(Sub(1) with { CreatedAt = made }, AlertQueryParser.Parse("graph").Query!)]);
        var seq = 0;
        Paper P(DateOnly? published, bool yearOnly = false) => new() { Seq = ++seq, Id = "p" + seq, Title = "Graph", Published = published, PublishedYearOnly = yearOnly, IndexedAt = made };

        var hits = percolator.Match(
        [
            P(new DateOnly(2026, 11, 9)),  // 1: exactly the window (14 days) before
            P(new DateOnly(2026, 11, 8)),  // 2: a day older
            P(null),                       // 3: no date: announced
            P(new DateOnly(2026, 1, 1), yearOnly: true), // 4: "2026" may be any day of it
            P(new DateOnly(2025, 1, 1), yearOnly: true), // 5: "2025" is over
            P(new DateOnly(2026, 11, 25)), // 6
        ]);

        Assert.Equal([1L, 3, 4, 6], hits.Select(h => h.Paper.Seq));
    }

    private static string RandomQuery(Random rng)
    {
        string Leaf() => rng.Next(6) switch
        {
            0 => $"author:\"{People[rng.Next(People.Length)]}\"",
            1 => $"cat:{Cats[rng.Next(Cats.Length)]}",
            2 => $"\"{Words[rng.Next(Words.Length)]} {Words[rng.Next(Words.Length)]}\"",
            3 => "cat:" + Cats[rng.Next(Cats.Length)].Split('.')[0] + ".*",
            _ => Words[rng.Next(Words.Length)],
        };
        return rng.Next(5) switch
        {
            0 => Leaf(),
            1 => $"{Leaf()} {Leaf()}",
            2 => $"{Leaf()} OR {Leaf()}",
            3 => $"({Leaf()} OR {Leaf()}) -{Leaf()}",
            _ => $"{Leaf()} OR NOT {Leaf()}",
        };
    }

    private static Paper RandomPaper(Random rng, long seq) => new()
    {
        Seq = seq,
        Id = "p" + seq,
        Title = string.Join(' ', Enumerable.Range(0, 5).Select(_ => Words[rng.Next(Words.Length)])),
        Abstract = string.Join(' ', Enumerable.Range(0, 12).Select(_ => Words[rng.Next(Words.Length)] + (rng.Next(3) == 0 ? "s" : ""))),
        Authors = [People[rng.Next(People.Length)]],
        Categories = [Cats[rng.Next(Cats.Length)]],
        IndexedAt = DateTimeOffset.UnixEpoch,
    };
}
