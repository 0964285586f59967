using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Tests.Papers;

public sealed class PaperReferenceTests
{
    [Theory]
    [InlineData("2401.12345", "2401.12345", null)]
    [InlineData("2401.12345v2", "2401.12345", 2)]
    [InlineData("arXiv:0704.0001", "0704.0001", null)]
    [InlineData("hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("math.CA/0611800v2", "math/0611800", 2)]
    [InlineData("https://arxiv.org/abs/2401.12345v3", "2401.12345", 3)]
    [InlineData("https://arxiv.org/pdf/2401.12345.pdf", "2401.12345", null)]
    [InlineData("http://www.arxiv.org/pdf/2401.12345v1", "2401.12345", 1)]
    [InlineData("https://export.arxiv.org/abs/hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("arxiv.org/html/2401.12345v2", "2401.12345", 2)]
    [InlineData("https://doi.org/10.48550/arXiv.2401.12345", "2401.12345", null)]
    [InlineData("https://huggingface.co/papers/2401.12345", "2401.12345", null)]
    [InlineData("https://www.alphaxiv.org/abs/2401.12345", "2401.12345", null)]
    [InlineData("<https://arxiv.org/abs/2401.12345?context=cs>", "2401.12345", null)]
    public void Parse_ArxivForms_YieldVersionlessId(string input, string id, int? version)
    {
        var reference = Assert.IsType<PaperReference.Arxiv>(PaperReference.Parse(input));
        Assert.Equal(id, reference.Id.Id);
        Assert.Equal(version, reference.Id.Version);
    }

    [Theory]
    [InlineData("0808.05394")] // 5 digits before 1501
    [InlineData("1501.1234")]  // 4 digits after 1412
    [InlineData("2413.12345")] // month 13
    public void Parse_InvalidNewStyleIds_AreNotArxiv(string input) =>
        Assert.IsNotType<PaperReference.Arxiv>(PaperReference.Parse(input));

    [Theory]
    [InlineData("https://doi.org/10.1038/nature14539", "10.1038/nature14539")]
    [InlineData("doi:10.1145/3292500.3330701", "10.1145/3292500.3330701")]
    [InlineData("10.1101/2020.01.01.123456", "10.1101/2020.01.01.123456")]
    public void Parse_Dois_AreDois(string input, string doi) =>
        Assert.Equal(doi, Assert.IsType<PaperReference.Doi>(PaperReference.Parse(input)).Value);

    [Theory]
    [InlineData("https://example.com/paper/1")]
    [InlineData("https://arxiv.org/abs/not-an-id")]
    [InlineData("ftp://arxiv.org/abs/2401.12345")]
    [InlineData("https://huggingface.co/papers/latest")]
    public void Parse_UnsupportedOrMalformedLinks_AreExplained(string input)
    {
        var unsupported = Assert.IsType<PaperReference.Unsupported>(PaperReference.Parse(input));
        Assert.False(string.IsNullOrWhiteSpace(unsupported.Reason));
    }

    [Fact]
    public void Parse_Title_IsText() =>
        Assert.Equal("Compiling to linear neurons", Assert.IsType<PaperReference.Text>(PaperReference.Parse("Compiling to linear neurons")).Value);
}
