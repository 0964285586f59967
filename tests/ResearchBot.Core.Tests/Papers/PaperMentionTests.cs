using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Tests.Papers;

public sealed class PaperMentionTests
{
    [Theory]
    [InlineData("2401.12345", "2401.12345")]
    [InlineData("see 2401.12345v2 for details", "2401.12345")]
    [InlineData("arXiv:2401.12345", "2401.12345")]
    [InlineData("(arXiv:2401.12345v3)", "2401.12345")]
    [InlineData("arXiv: 2401.12345", "2401.12345")]
    [InlineData("old one: hep-th/9901001.", "hep-th/9901001")]
    [InlineData("math.CA/0611800v2 is classic", "math/0611800")]
    [InlineData("read this https://arxiv.org/abs/2401.12345", "2401.12345")]
    [InlineData("read this https://arxiv.org/abs/2401.12345.", "2401.12345")]
    [InlineData("read this https://arxiv.org/abs/2401.12345v4, then that", "2401.12345")]
    [InlineData("pdf: https://arxiv.org/pdf/2401.12345v2.pdf!", "2401.12345")]
    [InlineData("https://arxiv.org/pdf/2401.12345", "2401.12345")]
    [InlineData("html https://arxiv.org/html/2401.12345v1/#S3", "2401.12345")]
    [InlineData("https://arxiv.org/abs/2401.12345?context=cs.LG", "2401.12345")]
    [InlineData("arxiv.org/abs/2401.12345", "2401.12345")]
    [InlineData("www.arxiv.org/abs/2401.12345", "2401.12345")]
    [InlineData("https://export.arxiv.org/abs/hep-th/9901001", "hep-th/9901001")]
    [InlineData("no preview: <https://arxiv.org/abs/2401.12345>", "2401.12345")]
    [InlineData("slack <https://arxiv.org/abs/2401.12345|the paper> yes", "2401.12345")]
    [InlineData("slack <https://arxiv.org/abs/2401.12345>", "2401.12345")]
    [InlineData("markdown [this paper](https://arxiv.org/abs/2401.12345) is good", "2401.12345")]
    [InlineData("**https://arxiv.org/abs/2401.12345**", "2401.12345")]
    [InlineData("`2401.12345`", "2401.12345")]
    [InlineData("\"https://huggingface.co/papers/2401.12345\"", "2401.12345")]
    [InlineData("HF: https://huggingface.co/papers/2401.12345#community", "2401.12345")]
    [InlineData("https://www.alphaxiv.org/abs/2401.12345v2", "2401.12345")]
    [InlineData("https://www.alphaxiv.org/overview/2401.12345", "2401.12345")]
    [InlineData("https://www.semanticscholar.org/arxiv/2401.12345", "2401.12345")]
    [InlineData("https://doi.org/10.48550/arXiv.2401.12345", "2401.12345")]
    [InlineData("(see https://arxiv.org/abs/2401.12345)", "2401.12345")]
    [InlineData("“2401.12345”", "2401.12345")]
    public void Find_ArxivForms(string text, string id)
    {
        var mention = PaperMention.Find(text);

        Assert.NotNull(mention);
        Assert.Equal(id, Assert.IsType<PaperReference.Arxiv>(mention.Reference).Id.Id);
        Assert.Equal(id, mention.Query);
    }

    [Theory]
    [InlineData("https://doi.org/10.1038/nature14539", "10.1038/nature14539")]
    [InlineData("https://dx.doi.org/10.1038/nature14539.", "10.1038/nature14539")]
    [InlineData("doi:10.1145/3292500.3330701;", "10.1145/3292500.3330701")]
    [InlineData("DOI 10.1101/2020.01.01.123456, preprint", "10.1101/2020.01.01.123456")]
    [InlineData("(10.1016/S0140-6736(20)30183-5)", "10.1016/s0140-6736(20)30183-5")]
    [InlineData("The Lancet 10.1016/S0140-6736(20)30183-5.", "10.1016/s0140-6736(20)30183-5")]
    [InlineData("<https://doi.org/10.1038/nature14539|Nature paper>", "10.1038/nature14539")]
    [InlineData("https://openalex.org/works/doi:10.1038/nature14539", "10.1038/nature14539")]
    [InlineData("https://api.openalex.org/works/https://doi.org/10.1038/nature14539", "10.1038/nature14539")]
    public void Find_Dois(string text, string doi)
    {
        var mention = PaperMention.Find(text);

        Assert.NotNull(mention);
        Assert.Equal(doi, Assert.IsType<PaperReference.Doi>(mention.Reference).Value);
        Assert.Equal(doi, mention.Query);
    }

    [Theory]
    [InlineData("first https://github.com/org/repo then 2401.12345", "2401.12345")]
    [InlineData("https://arxiv.org/list/cs.LG/recent and https://arxiv.org/abs/2402.00001", "2402.00001")]
    [InlineData("2401.12345 and 2402.00001", "2401.12345")]
    [InlineData("https://example.com/papers/2401.12345 but really 2402.00001", "2402.00001")]
    [InlineData("[2401.12345](https://arxiv.org/abs/2402.00001)", "2402.00001")]
    public void Find_TheFirstUsableReference(string text, string id) =>
        Assert.Equal(id, PaperMention.Find(text)?.Query);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no paper here, just chatting about attention")]
    [InlineData("the meeting is at 2024.10 in room 1203")]
    [InlineData("version 2413.12345 is no arXiv id")]
    [InlineData("https://github.com/org/repo/blob/main/README.md")]
    [InlineData("https://arxiv.org/list/cs.LG/recent")]
    [InlineData("https://openalex.org/W2741809807")]
    [InlineData("<https://example.com/2401.12345|2401>")]
    [InlineData("10.1038")]
    public void Find_NothingUsable_IsNull(string? text) =>
        Assert.Null(PaperMention.Find(text));

    [Fact]
    public void FindFirst_ReadsTextsInOrderSkippingEmptyOnes()
    {
        var mention = PaperMention.FindFirst([null, "nothing here", "Embed: https://arxiv.org/abs/2401.12345", "2402.00001"]);

        Assert.Equal("2401.12345", mention?.Query);
        Assert.Null(PaperMention.FindFirst([]));
    }

    [Fact]
    public void Find_VeryLongText_ReadsOnlyTheStart()
    {
        var text = new string('x', PaperMention.MaxScannedLength + 10) + " 2401.12345";

        Assert.Null(PaperMention.Find(text));
    }
}
