using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Search;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Commands.Search;

public sealed class SearchCommandTests
{
    private readonly InMemoryPaperIndex _index = new();

    private SearchCommand Command => new(_index);

    private static PaperRecord Record(string title, string @abstract, string? arxiv = null) =>
        new() { Title = title, Abstract = @abstract, ArxivId = arxiv, Authors = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"], Published = new DateOnly(2024, 1, 15), Categories = ["cs.LG"], Source = "test" };

    private Task SeedAsync() => _index.AddAsync(
        Record("Spiking neural networks for robot control", "We train spiking networks with surrogate gradients.", "2401.00001"),
        Record("Surrogate gradients revisited", "A study of surrogate gradient learning in spiking neural networks and their stability.", "2401.00002"),
        Record("Causal inference from neural data", "Methods for causal inference when the data are neural recordings.", "2401.00003"),
        Record("Inference of causal structure in gene networks", "Causal discovery for gene regulation; inference is hard.", "2401.00004"),
        Record("Körding rule for motor learning", "An accent in the title and nothing else of note.", "2401.00005"));

    [Fact]
    public async Task Search_Keywords_ListsMatchesTitleHitsFirstWithMetaAndSnippet()
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(Command, "spiking networks");

        Assert.Equal(ReplyKind.Result, reply.Kind);
        Assert.Equal(ReplyVisibility.Channel, reply.Visibility);
        Assert.Equal("Papers matching \"spiking networks\"", reply.Title);
        Assert.Equal(["Spiking neural networks for robot control", "Surrogate gradients revisited"], reply.Papers.Select(p => p.Title));
        var first = reply.Papers[0];
        Assert.Equal("https://arxiv.org/abs/2401.00001", first.Url);
        Assert.Equal("2401.00001", first.Id);
        Assert.Equal("Ada Lovelace, Alan Turing, Grace Hopper et al. · 15 Jan 2024 · cs.LG", first.Meta);
        Assert.Equal("We train spiking networks with surrogate gradients.", first.Snippet);
        Assert.Equal("Top 2 by relevance · /paper ID for details · /similar ID for related work", reply.Footer);
    }

    [Fact]
    public async Task Search_MoreMatchesThanTheStoreRanked_FooterSaysWhichWereRankedAndHowToNarrow()
    {
        await SeedAsync();
        _index.NextPartial = new SearchCoverage(40_001, 40_000);

        var reply = await CommandHarness.ReplyAsync(Command, "spiking networks");

        Assert.Equal(2, reply.Papers.Length);
        Assert.Equal(
            "Top 2 by relevance of the 40,000 most recently added matches (over 40,000 papers match: add words to narrow) · /paper ID for details · /similar ID for related work",
            reply.Footer);
    }

    [Fact]
    public async Task Search_EveryWordIsRequiredWhenSomePaperHasThemAll()
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(Command, "causal inference neural");

        Assert.Equal("Causal inference from neural data", Assert.Single(reply.Papers).Title);
    }

    [Fact]
    public async Task Search_NoPaperHasEveryWord_FallsBackToAnyWord()
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(Command, "gene robot");

        Assert.Equal(["Inference of causal structure in gene networks", "Spiking neural networks for robot control"], reply.Papers.Select(p => p.Title).Order());
    }

    [Fact]
    public async Task Search_QuotedPhrase_MatchesOnlyConsecutiveWords()
    {
        await SeedAsync();

        var phrase = await CommandHarness.ReplyAsync(Command, "\"causal inference\"");
        var words = await CommandHarness.ReplyAsync(Command, "causal inference");

        Assert.Equal("Causal inference from neural data", Assert.Single(phrase.Papers).Title);
        Assert.Equal(2, words.Papers.Length);
    }

    [Theory]
    [InlineData("kording")]
    [InlineData("KÖRDING")]
    [InlineData("Kording")]
    public async Task Search_CaseAndAccentsAreFolded(string query)
    {
        await SeedAsync();

        Assert.Equal("Körding rule for motor learning", Assert.Single((await CommandHarness.ReplyAsync(Command, query)).Papers).Title);
    }

    [Fact]
    public async Task Search_Nothing_SaysSoAndSuggestsBroaderWords()
    {
        await SeedAsync();

        var result = await CommandHarness.ExecuteAsync(Command, "quantum chromodynamics");

        Assert.Equal("No papers match \"quantum chromodynamics\". Try fewer or broader words.", Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Fact]
    public async Task Search_OnlyPunctuation_FindsNothingAndDoesNotThrow()
    {
        await SeedAsync();

        Assert.IsType<CommandResult.NotFound>(await CommandHarness.ExecuteAsync(Command, "*** -- \"\""));
    }

    [Fact]
    public async Task Search_DefaultLimitIsEight_LimitOptionChangesIt()
    {
        await _index.AddAsync([.. Enumerable.Range(1, 30).Select(i => Record($"Transformer variant number {i:00} for text", "Attention and more attention."))]);

        Assert.Equal(8, (await CommandHarness.ReplyAsync(Command, "transformer")).Papers.Length);
        var three = await CommandHarness.ReplyAsync(Command, "transformer limit:3");
        Assert.Equal(3, three.Papers.Length);
        Assert.StartsWith("Top 3 by relevance", three.Footer, StringComparison.Ordinal);
        Assert.Equal(25, (await CommandHarness.ReplyAsync(Command, "limit:25 transformer")).Papers.Length);
    }

    [Theory]
    [InlineData("transformer limit:0")]
    [InlineData("transformer limit:26")]
    [InlineData("transformer limit:many")]
    [InlineData("limit:5")]
    public void Search_LimitOutOfRangeOrNoQuery_IsRefusedByTheBinder(string text) =>
        Assert.NotNull(CommandHarness.BindError(Command, text));

    [Fact]
    public async Task Search_LongAbstract_SnippetIsCutNear160Characters()
    {
        await _index.AddAsync(Record("A paper with a long abstract", string.Join(' ', Enumerable.Repeat("abstract words go on and on", 30))));

        var item = Assert.Single((await CommandHarness.ReplyAsync(Command, "long abstract")).Papers);

        Assert.InRange(item.Snippet!.Length, 81, 160);
        Assert.EndsWith("…", item.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_Spec_IsQuickAndDocumentsPhrasesAndLimit()
    {
        Assert.True(Command.Spec.Quick);
        Assert.Equal("/search QUERY [limit:N] [page:N]", Command.Spec.Usage);
    }

    [Fact]
    public async Task Search_PageTwo_ShowsTheNextPapersAndOffersMoreUntilTheListEnds()
    {
        await _index.AddAsync([.. Enumerable.Range(1, 5).Select(i => Record($"Neural paper {i}", "About neural things.", $"2402.0000{i}"))]);

        var first = await CommandHarness.ReplyAsync(Command, "neural limit:2");
        var second = await CommandHarness.ReplyAsync(Command, "neural limit:2 page:2");
        var third = await CommandHarness.ReplyAsync(Command, "neural limit:2 page:3");

        Assert.Empty(first.Papers.Select(p => p.Id).Intersect(second.Papers.Select(p => p.Id)));
        Assert.Equal(2, second.Papers.Length);
        Assert.Equal("Results 3–4 by relevance · /paper ID for details · /similar ID for related work", second.Footer);
        Assert.Equal("rb1:u:search neural limit:2 page:2", first.Actions.Single(a => a.Kind == ReplyActionKind.Button).Payload);
        Assert.Equal("rb1:u:search neural limit:2 page:3", second.Actions.Single(a => a.Kind == ReplyActionKind.Button).Payload);
        Assert.Single(third.Papers);
        Assert.DoesNotContain(third.Actions, a => a.Kind == ReplyActionKind.Button); // the list ended
        Assert.Equal(["rb1:n:similar 2402.00005"], third.Actions.Single(a => a.Kind == ReplyActionKind.Select).Choices.Select(c => c.Payload));
    }

    [Fact]
    public async Task Search_PagePastTheEnd_SaysThereIsNoMore()
    {
        await SeedAsync();

        var result = await CommandHarness.ExecuteAsync(Command, "spiking page:4");

        Assert.Contains("No more papers match \"spiking\" after page 3", Assert.IsType<CommandResult.NotFound>(result).Message, StringComparison.Ordinal);
    }
}
