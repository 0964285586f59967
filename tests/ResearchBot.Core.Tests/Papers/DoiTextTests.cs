using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Tests.Papers;

public sealed class DoiTextTests
{
    [Theory]
    [InlineData("10.1038/nature14539", "10.1038/nature14539")]
    [InlineData("  10.1038/NATURE14539. ", "10.1038/nature14539")]
    [InlineData("https://doi.org/10.1371/journal.pcbi.1005268", "10.1371/journal.pcbi.1005268")]
    [InlineData("http://dx.doi.org/10.1371/Journal.PCBI.1005268", "10.1371/journal.pcbi.1005268")]
    [InlineData("doi: 10.48550/arXiv.2401.12345", "10.48550/arxiv.2401.12345")]
    [InlineData("DOI:10.1000/182;", "10.1000/182")]
    public void Normalize_PrefixesCaseAndTrailingPunctuation_Removed(string raw, string expected) =>
        Assert.Equal(expected, DoiText.Normalize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nature14539")]
    [InlineData("10.12/too-short-registrant")]
    [InlineData("10.1038/with space")]
    [InlineData("https://example.org/10.1038/nature14539")]
    public void Normalize_NotADoi_Null(string? raw) =>
        Assert.Null(DoiText.Normalize(raw));

    [Fact]
    public void PastedAndStoredForms_AgreeOnTheKey()
    {
        var pasted = Assert.IsType<PaperReference.Doi>(PaperReference.Parse("https://doi.org/10.1371/Journal.PCBI.1005268."));

        Assert.Equal(DoiText.Normalize("10.1371/journal.pcbi.1005268"), pasted.Value);
    }
}
