using System.Collections.Immutable;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Papers;

namespace ResearchBot.Alerts.Tests.Core;

public sealed class QueryMatchingTests
{
    private static bool Matches(string query, string title, string? abs = null, string[]? authors = null, string[]? cats = null)
    {
        var parsed = AlertQueryParser.Parse(query);
        Assert.True(parsed.Success, parsed.Error);
        var paper = new Paper
        {
            Seq = 1,
            Id = "2601.00001",
            Title = title,
            Abstract = abs,
            Authors = [.. authors ?? []],
            Categories = [.. cats ?? []],
            IndexedAt = DateTimeOffset.UnixEpoch,
        };
        return parsed.Query!.Matches(new PaperFeatures(paper));
    }

    [Theory]
    [InlineData("graph", "A paragraph about trees", false)]
    [InlineData("graph", "Graphene sheets", false)]
    [InlineData("graph", "Graphs of everything", true)]
    [InlineData("network", "Neural Networks revisited", true)]
    [InlineData("studies", "A study of birds", true)]
    [InlineData("embedding", "Embedded systems", false)]
    [InlineData("kording", "What Körding said", true)]
    [InlineData("Körding", "What KORDING said", true)]
    [InlineData("yu", "Yujia's method", false)]
    public void Word_MatchesWholeFoldedWordsOnly(string query, string title, bool expected) =>
        Assert.Equal(expected, Matches(query, title));

    [Theory]
    [InlineData("\"graph neural network\"", "Graph Neural Networks for molecules", true)]
    [InlineData("\"graph neural network\"", "Neural graph network", false)]
    [InlineData("\"graph neural network\"", "A graph. Neural network", true)]
    [InlineData("\"large language models\"", "On large-language-model agents", true)]
    public void Phrase_NeedsConsecutiveWords(string query, string title, bool expected) =>
        Assert.Equal(expected, Matches(query, title));

    [Fact]
    public void Phrase_DoesNotSpanTitleAndAbstract() =>
        Assert.False(Matches("\"deep learning\"", "Going deep", "Learning is fun"));

    [Theory]
    [InlineData("author:\"Yu\"", new[] { "Yujia Li" }, false)]
    [InlineData("author:\"Yu\"", new[] { "Wei Yu" }, true)]
    [InlineData("author:\"Konrad Kording\"", new[] { "K. P. Körding" }, true)]
    [InlineData("author:\"Konrad Kording\"", new[] { "Karl Kording" }, false)]
    [InlineData("author:\"John Smith\"", new[] { "John Doe", "Jane Smith" }, false)]
    [InlineData("author:Kording", new[] { "Kording, Konrad" }, true)]
    public void Author_UsesNameNormalisationNotSubstrings(string query, string[] authors, bool expected) =>
        Assert.Equal(expected, Matches(query, "Some title", authors: authors));

    [Theory]
    [InlineData("cat:cs.LG", new[] { "stat.ML", "cs.LG" }, true)]
    [InlineData("cat:cs.LG", new[] { "cs.CL" }, false)]
    [InlineData("cat:cs.*", new[] { "cs.CL" }, true)]
    [InlineData("cat:cs.*", new[] { "physics.comp-ph" }, false)]
    [InlineData("cat:hep-th.*", new[] { "hep-th" }, true)]
    public void Category_MatchesExactOrArchive(string query, string[] cats, bool expected) =>
        Assert.Equal(expected, Matches(query, "Title", cats: cats));

    [Theory]
    [InlineData("diffusion -survey", "Diffusion models: a survey", false)]
    [InlineData("diffusion -survey", "Diffusion models for audio", true)]
    [InlineData("(audio OR speech) diffusion", "Speech diffusion", true)]
    [InlineData("(audio OR speech) diffusion", "Image diffusion", false)]
    [InlineData("robot OR drone", "Drone swarms", true)]
    public void BooleanOperators_Combine(string query, string title, bool expected) =>
        Assert.Equal(expected, Matches(query, title));

    [Fact]
    public void Match_ExplainsWhyAndScoresTitleAboveAbstract()
    {
        var q = AlertQueryParser.Parse("diffusion OR audio").Query!;
        Paper P(string t, string a) => new() { Seq = 1, Id = "x", Title = t, Abstract = a, IndexedAt = DateTimeOffset.UnixEpoch };

        var inTitle = q.Match(new PaperFeatures(P("Diffusion", "nothing")))!.Value;
        var inAbstract = q.Match(new PaperFeatures(P("Nothing", "diffusion")))!.Value;

        Assert.Equal(["diffusion"], inTitle.Why);
        Assert.True(inTitle.Score > inAbstract.Score);
    }
}
