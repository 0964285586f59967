using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Commands.Unfurl;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Commands.Unfurl;

public sealed class PaperCardsTests
{
    private readonly InMemoryPaperIndex _index = new();
    private readonly InMemoryRemotePaperLookup _arxiv = new();

    private PaperCards Cards() =>
        new(new PaperResolver(_index, new PaperIngestor(_index, [], NullLogger<PaperIngestor>.Instance), [_arxiv]), new InMemorySimilarityIndex(_index));

    private static PaperRecord Record(string arxivId, string title, string abstractText, params string[] categories) => new()
    {
        ArxivId = arxivId,
        Title = title,
        Abstract = abstractText,
        Authors = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"],
        Published = new DateOnly(2017, 6, 12),
        Categories = [.. categories],
        Source = "arxiv",
    };

    private async Task SeedAsync() => await _index.AddAsync(
        Record("1706.03762", "Attention is all you need", "The dominant sequence transduction models are based on recurrent networks. We propose the Transformer, based solely on attention. Experiments show it is superior.", "cs.CL", "cs.LG"),
        Record("1409.0473", "Neural machine translation by jointly learning to align", "Sequence transduction with attention over recurrent networks.", "cs.CL"),
        Record("1508.04025", "Effective approaches to attention-based translation", "Attention for sequence transduction.", "cs.CL"),
        Record("1810.04805", "BERT: transformer pre-training", "Attention based transformer models.", "cs.CL"),
        Record("2001.00001", "Unrelated botany", "Leaves grow.", "q-bio.PE"));

    [Fact]
    public async Task ForLink_IndexedArxivLink_CardWithMetaOpeningAndThreeSimilar()
    {
        await SeedAsync();

        var card = await Cards().ForLinkAsync("https://arxiv.org/abs/1706.03762v5?context=cs.CL", TestContext.Current.CancellationToken);

        Assert.Equal(ReplyKind.Result, card.Kind);
        Assert.Equal("Attention is all you need", card.Title);
        Assert.Equal("https://arxiv.org/abs/1706.03762", card.TitleUrl);
        var lines = card.Body!.Split('\n');
        Assert.Equal("Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra et al. · 12 Jun 2017 · cs.CL, cs.LG", lines[0]);
        Assert.Equal("The dominant sequence transduction models are based on recurrent networks. We propose the Transformer, based solely on attention.", lines[1]);
        Assert.Equal(3, card.Papers.Length);
        Assert.DoesNotContain(card.Papers, p => p.Id == "1706.03762" || p.Id == "2001.00001");
        Assert.Equal("Similar papers", card.PapersHeading);
    }

    [Theory]
    [InlineData("https://huggingface.co/papers/1706.03762")]
    [InlineData("https://www.alphaxiv.org/abs/1706.03762")]
    [InlineData("https://doi.org/10.48550/arXiv.1706.03762")]
    [InlineData("https://arxiv.org/pdf/1706.03762v7.pdf")]
    public async Task ForLink_EveryFormSimilarAccepts_SameCard(string link)
    {
        await SeedAsync();

        var card = await Cards().ForLinkAsync(link, TestContext.Current.CancellationToken);

        Assert.Equal("Attention is all you need", card.Title);
    }

    [Fact]
    public async Task ForLink_PaperNotIndexed_FetchedThroughArxivSource()
    {
        _arxiv.Add(Record("2401.12345", "A fetched paper", "Fetched from arXiv. Second sentence here."));

        var card = await Cards().ForLinkAsync("https://arxiv.org/abs/2401.12345", TestContext.Current.CancellationToken);

        Assert.Equal(ReplyKind.Result, card.Kind);
        Assert.Equal("A fetched paper", card.Title);
        Assert.Equal(1, _arxiv.Lookups);
        Assert.NotNull(await _index.GetAsync("2401.12345", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("https://arxiv.org/list/cs.LG/recent")]
    [InlineData("https://huggingface.co/models/bert-base")]
    [InlineData("https://arxiv.org/abs/2401.99999")]
    [InlineData("https://doi.org/10.1000/not-indexed")]
    [InlineData("Attention is all you need")]
    public async Task ForLink_NoPaper_ErrorNotACard(string link)
    {
        await SeedAsync();

        var card = await Cards().ForLinkAsync(link, TestContext.Current.CancellationToken);

        Assert.Equal(ReplyKind.Error, card.Kind);
        Assert.False(string.IsNullOrWhiteSpace(card.Body));
    }

    [Fact]
    public async Task ForLink_ArxivUnreachable_ErrorNotACard()
    {
        _arxiv.FailWith = "HTTP 503";

        var card = await Cards().ForLinkAsync("https://arxiv.org/abs/2401.12345", TestContext.Current.CancellationToken);

        Assert.Equal(ReplyKind.Error, card.Kind);
        Assert.Contains("HTTP 503", card.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("We study e.g. transformers in depth. Then more follows. And a third.", "We study e.g. transformers in depth. Then more follows.")]
    [InlineData("As shown by Vaswani et al. (2017) it works. Next one. Third.", "As shown by Vaswani et al. (2017) it works. Next one.")]
    [InlineData("J. Smith showed it.  Twice!", "J. Smith showed it. Twice!")]
    [InlineData("No end mark at all", "No end mark at all")]
    [InlineData("Version 2.0 is here. 3 models follow.", "Version 2.0 is here. 3 models follow.")]
    public void Opening_OneOrTwoSentences(string text, string expected) =>
        Assert.Equal(expected, PaperCardReplies.Opening(text));

    [Fact]
    public void Opening_OneLongSentence_CutAtAWord()
    {
        var opening = PaperCardReplies.Opening(string.Join(' ', Enumerable.Repeat("word", 200)) + ".");

        Assert.NotNull(opening);
        Assert.True(opening.Length <= PaperCardReplies.MaxOpening, opening);
        Assert.EndsWith("…", opening, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_SecondSentenceTooLong_FirstOnly()
    {
        var opening = PaperCardReplies.Opening("Short first. Then " + string.Join(' ', Enumerable.Repeat("word", 100)) + ".");

        Assert.Equal("Short first.", opening);
    }
}
