using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Paper;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Commands.Paper;

public sealed class PaperCommandTests
{
    private static readonly string LongAbstract = string.Join(' ', Enumerable.Repeat("The dominant sequence transduction models are based on complex recurrent networks.", 40));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPaperIndex _index;
    private readonly InMemoryRemotePaperLookup _arxiv = new();

    public PaperCommandTests() => _index = new InMemoryPaperIndex(_clock);

    private static PaperRecord Attention => new()
    {
        Title = "Attention Is All You Need",
        Abstract = LongAbstract,
        Authors = ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones", "Aidan N. Gomez", "Lukasz Kaiser", "Illia Polosukhin", "Another Author"],
        Published = new DateOnly(2017, 6, 12),
        Categories = ["cs.CL", "cs.LG"],
        ArxivId = "1706.03762",
        ArxivVersion = 7,
        Citations = 123_456,
        Source = "arxiv",
    };

    private static PaperRecord Nature => new()
    {
        Title = "Deep learning",
        Abstract = "Deep learning allows computational models that are composed of multiple processing layers to learn representations.",
        Authors = ["Yann LeCun", "Yoshua Bengio", "Geoffrey Hinton"],
        Published = new DateOnly(2015, 1, 1),
        PublishedYearOnly = true,
        Venue = "Nature",
        Doi = "10.1038/nature14539",
        Source = "openalex",
    };

    private PaperCommand Command(bool withArxivSource = false) =>
        new(new PaperResolver(_index, new PaperIngestor(_index, [], NullLogger<PaperIngestor>.Instance), withArxivSource ? [_arxiv] : []));

    [Theory]
    [InlineData("1706.03762")]
    [InlineData("1706.03762v1")]
    [InlineData("1706.03762v7")]
    [InlineData("arXiv:1706.03762v3")]
    [InlineData("https://arxiv.org/abs/1706.03762v7")]
    [InlineData("http://www.arxiv.org/abs/1706.03762")]
    [InlineData("arxiv.org/pdf/1706.03762v2.pdf")]
    [InlineData("https://export.arxiv.org/html/1706.03762v5/#S3")]
    [InlineData("<https://huggingface.co/papers/1706.03762>")]
    [InlineData("https://www.alphaxiv.org/abs/1706.03762")]
    [InlineData("https://doi.org/10.48550/arXiv.1706.03762")]
    public async Task Paper_ArxivIdOrLinkInAnyForm_ShowsTheOnePaper(string input)
    {
        await _index.AddAsync(Attention, Nature);

        var reply = await CommandHarness.ReplyAsync(Command(), input);

        Assert.Equal(ReplyKind.Result, reply.Kind);
        Assert.Equal("Attention Is All You Need", reply.Title);
        Assert.Equal("https://arxiv.org/abs/1706.03762", reply.TitleUrl);
    }

    [Theory]
    [InlineData("10.1038/nature14539")]
    [InlineData("doi:10.1038/NATURE14539")]
    [InlineData("https://doi.org/10.1038/nature14539")]
    [InlineData("dx.doi.org/10.1038/nature14539.")]
    public async Task Paper_Doi_ShowsThePaperLinkedToItsDoi(string input)
    {
        await _index.AddAsync(Attention, Nature);

        var reply = await CommandHarness.ReplyAsync(Command(), input);

        Assert.Equal("Deep learning", reply.Title);
        Assert.Equal("https://doi.org/10.1038/nature14539", reply.TitleUrl);
        Assert.Equal("Nature", Field(reply, "Venue"));
        Assert.Equal("2015", Field(reply, "Published"));
        Assert.Equal("doi:10.1038/nature14539 · sources: openalex", reply.Footer);
    }

    [Theory]
    [InlineData("Attention is all you need")]
    [InlineData("ATTENTION IS ALL YOU NEED!")]
    [InlineData("\"Attention Is All You Need\"")]
    public async Task Paper_ExactTitleIgnoringCaseAndPunctuation_ShowsIt(string input)
    {
        await _index.AddAsync(Attention, Nature);

        Assert.Equal("Attention Is All You Need", (await CommandHarness.ReplyAsync(Command(), input)).Title);
    }

    [Fact]
    public async Task Paper_Card_HasAuthorsDateCategoriesCitationsCutAbstractAndIds()
    {
        await _index.AddAsync(Attention);

        var reply = await CommandHarness.ReplyAsync(Command(), "1706.03762");

        // Eight authors at most, then "et al.".
        Assert.Equal("Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, Lukasz Kaiser, Illia Polosukhin et al.", Field(reply, "Authors"));
        Assert.Equal("12 Jun 2017", Field(reply, "Published"));
        Assert.Equal("cs.CL, cs.LG", Field(reply, "Categories"));
        Assert.Equal("123K", Field(reply, "Citations"));
        Assert.Null(reply.Fields.FirstOrDefault(f => f.Name == "Venue"));
        Assert.Equal(ReplyVisibility.Channel, reply.Visibility);

        // The abstract is cut at a word near 1,200 characters and marked with an ellipsis.
        Assert.InRange(reply.Body!.Length, 600, 1200);
        Assert.EndsWith("…", reply.Body, StringComparison.Ordinal);
        Assert.StartsWith(reply.Body[..^1], LongAbstract, StringComparison.Ordinal);
        Assert.Equal("arXiv:1706.03762v7 · sources: arxiv", reply.Footer);
    }

    [Fact]
    public async Task Paper_CardOfPaperWithoutAbstractAndAuthors_SaysSoAndLinksItsUrl()
    {
        await _index.AddAsync(new PaperRecord { Title = "A workshop talk with no abstract at all", Url = "https://example.org/talk", Source = "seed" });

        var reply = await CommandHarness.ReplyAsync(Command(), "A workshop talk with no abstract at all");

        Assert.Equal("(no abstract)", reply.Body);
        Assert.Equal("https://example.org/talk", reply.TitleUrl);
        Assert.Empty(reply.Fields);
        Assert.Equal("sources: seed", reply.Footer);
    }

    [Fact]
    public async Task Paper_TitleWordsOfSeveralPapers_AsksWhichOnePrivately()
    {
        await _index.AddAsync(
            new PaperRecord { Title = "Compiling to linear neurons", Source = "seed", ArxivId = "2401.00001" },
            new PaperRecord { Title = "Compiling to recurrent neurons", Source = "seed", ArxivId = "2401.00002" },
            Nature);

        var reply = await CommandHarness.ReplyAsync(Command(), "Compiling to neurons");

        Assert.Equal("Several papers match \"Compiling to neurons\"", reply.Title);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal(["Compiling to linear neurons", "Compiling to recurrent neurons"], reply.Papers.Select(p => p.Title).Order());
        Assert.Contains("/paper", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paper_ArxivIdNotIndexedAndNoSource_SaysSoWithoutFetching()
    {
        await _index.AddAsync(Attention);

        var result = await CommandHarness.ExecuteAsync(Command(), "2401.99999v2");

        var missing = Assert.IsType<CommandResult.NotFound>(result);
        Assert.Equal("arXiv:2401.99999 is not in the index, and no arXiv source is configured to fetch it.", missing.Message);
    }

    [Fact]
    public async Task Paper_ArxivIdNotIndexed_IsFetchedIndexedAndShownAsJustFetched()
    {
        _arxiv.Add(new PaperRecord { Title = "Recurrent neurons compiled from programs", ArxivId = "2401.99999", ArxivVersion = 2, Source = "arxiv", Categories = ["cs.NE"] });

        var reply = await CommandHarness.ReplyAsync(Command(withArxivSource: true), "https://arxiv.org/abs/2401.99999v2");

        Assert.Equal("Recurrent neurons compiled from programs", reply.Title);
        Assert.EndsWith("just fetched from arXiv", reply.Footer, StringComparison.Ordinal);
        Assert.Equal("2401.99999", (await _index.GetAsync("2401.99999", TestContext.Current.CancellationToken))?.Id);

        // Asked again, the paper comes from the index.
        var again = await CommandHarness.ReplyAsync(Command(withArxivSource: true), "2401.99999");
        Assert.DoesNotContain("just fetched", again.Footer, StringComparison.Ordinal);
        Assert.Equal(1, _arxiv.Lookups);
    }

    [Fact]
    public async Task Paper_ArxivHasNoSuchPaper_SaysSo()
    {
        var result = await CommandHarness.ExecuteAsync(Command(withArxivSource: true), "2401.99999");

        Assert.Equal("arXiv has no paper 2401.99999.", Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Fact]
    public async Task Paper_ArxivUnreachable_SaysTryLater()
    {
        _arxiv.FailWith = "HTTP 503";

        var result = await CommandHarness.ExecuteAsync(Command(withArxivSource: true), "2401.99999");

        var message = Assert.IsType<CommandResult.NotFound>(result).Message;
        Assert.Contains("could not be reached (HTTP 503)", message, StringComparison.Ordinal);
        Assert.Equal(0, await _index.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Paper_DoiNotIndexed_SaysSo()
    {
        await _index.AddAsync(Nature);

        var result = await CommandHarness.ExecuteAsync(Command(), "10.1000/xyz123");

        Assert.Equal("DOI 10.1000/xyz123 is not in the index.", Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Fact]
    public async Task Paper_UnknownTitle_SaysSoAndSuggestsSearch()
    {
        await _index.AddAsync(Nature);

        var reply = await CommandHarness.ReplyAsync(Command(), "Quantum gravity for cats");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Equal("No paper titled \"Quantum gravity for cats\" is in the index. Try `/search` with a few keywords.", reply.Body);
    }

    [Theory]
    [InlineData("https://example.com/paper/1", "I can't read papers from example.com")]
    [InlineData("https://arxiv.org/abs/not-an-id", "That arXiv link has no valid paper id in it")]
    [InlineData("doi:10.12/x", "That DOI is malformed")]
    [InlineData("ftp://arxiv.org/abs/1706.03762", "That does not look like a web link I can read.")]
    public async Task Paper_UnreadableInput_IsAUsageErrorThatSaysWhy(string input, string why)
    {
        await _index.AddAsync(Attention);

        var result = await CommandHarness.ExecuteAsync(Command(), input);

        Assert.StartsWith(why, Assert.IsType<CommandResult.UsageError>(result).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_NoInput_IsRefusedByTheBinder() =>
        Assert.NotNull(CommandHarness.BindError(Command(), "   "));

    private static string? Field(Reply reply, string name) => reply.Fields.FirstOrDefault(f => f.Name == name)?.Value;
}
