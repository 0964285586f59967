using ResearchBot.Core.Papers;

namespace ResearchBot.Similarity.Tests;

public sealed class LinkParsingTests
{
    [Theory]
    [InlineData("2401.12345", "2401.12345", null)]
    [InlineData("2401.12345v2", "2401.12345", 2)]
    [InlineData("arXiv:2401.12345v3", "2401.12345", 3)]
    [InlineData("0704.0001", "0704.0001", null)]
    [InlineData("hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("math.CA/0611800v2", "math/0611800", 2)]
    [InlineData("https://arxiv.org/abs/2401.12345", "2401.12345", null)]
    [InlineData("https://arxiv.org/abs/2401.12345v2", "2401.12345", 2)]
    [InlineData("http://www.arxiv.org/abs/2401.12345", "2401.12345", null)]
    [InlineData("https://export.arxiv.org/abs/2401.12345", "2401.12345", null)]
    [InlineData("arxiv.org/abs/2401.12345", "2401.12345", null)]
    [InlineData("https://arxiv.org/pdf/2401.12345", "2401.12345", null)]
    [InlineData("https://arxiv.org/pdf/2401.12345v4.pdf", "2401.12345", 4)]
    [InlineData("https://arxiv.org/pdf/2401.12345.pdf", "2401.12345", null)]
    [InlineData("https://arxiv.org/html/2401.12345v1", "2401.12345", 1)]
    [InlineData("https://arxiv.org/html/2401.12345v1/#S2", "2401.12345", 1)]
    [InlineData("https://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001", 1)]
    [InlineData("https://arxiv.org/abs/math.CA/0611800", "math/0611800", null)]
    [InlineData("https://arxiv.org/abs/2401.12345?context=cs", "2401.12345", null)]
    [InlineData("https://doi.org/10.48550/arXiv.2401.12345", "2401.12345", null)]
    [InlineData("doi.org/10.48550/arxiv.2401.12345", "2401.12345", null)]
    [InlineData("10.48550/arXiv.1706.03762", "1706.03762", null)]
    [InlineData("https://huggingface.co/papers/2401.12345", "2401.12345", null)]
    [InlineData("huggingface.co/papers/2401.12345", "2401.12345", null)]
    [InlineData("https://www.alphaxiv.org/abs/2401.12345", "2401.12345", null)]
    [InlineData("https://alphaxiv.org/abs/2401.12345v2", "2401.12345", 2)]
    [InlineData("<https://arxiv.org/abs/2401.12345>", "2401.12345", null)]
    public void Parse_ArxivForms_YieldVersionlessId(string input, string id, int? version)
    {
        var parsed = Assert.IsType<PaperReference.Arxiv>(PaperReference.Parse(input));

        Assert.Equal(id, parsed.Id.Id);
        Assert.Equal(version, parsed.Id.Version);
    }

    [Theory]
    [InlineData("10.1038/nature14539", "10.1038/nature14539")]
    [InlineData("doi:10.1038/Nature14539", "10.1038/nature14539")]
    [InlineData("https://doi.org/10.1145/3292500.3330701", "10.1145/3292500.3330701")]
    [InlineData("https://dx.doi.org/10.1016/j.neuron.2017.06.011.", "10.1016/j.neuron.2017.06.011")]
    public void Parse_OtherDois_YieldLowerCaseDoi(string input, string doi) =>
        Assert.Equal(doi, Assert.IsType<PaperReference.Doi>(PaperReference.Parse(input)).Value);

    [Theory]
    [InlineData("Compiling to recurrent neurons")]
    [InlineData("spiking networks trained with surrogate gradients")]
    [InlineData("2401")]
    public void Parse_PlainText_IsText(string input) =>
        Assert.IsType<PaperReference.Text>(PaperReference.Parse(input));

    [Theory]
    [InlineData("https://example.com/paper/123")]
    [InlineData("https://www.nature.com/articles/nature14539")]
    [InlineData("https://arxiv.org/abs/")]
    [InlineData("https://arxiv.org/abs/9999.99999")]
    [InlineData("https://arxiv.org/abs/2401.123")]
    [InlineData("https://arxiv.org/list/cs.LG/recent")]
    [InlineData("https://huggingface.co/papers/not-an-id")]
    [InlineData("https://alphaxiv.org/abs/hello")]
    [InlineData("https://doi.org/10.48550/arXiv.24xx.12345")]
    [InlineData("https://doi.org/not-a-doi")]
    [InlineData("ftp://arxiv.org/abs/2401.12345")]
    [InlineData("   ")]
    [InlineData("<>")]
    public void Parse_UnsupportedOrMalformed_GivesOneClearReason(string input)
    {
        var reason = Assert.IsType<PaperReference.Unsupported>(PaperReference.Parse(input)).Reason;

        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.DoesNotContain('\n', reason);
    }

    [Theory]
    [InlineData("1313.12345")]
    [InlineData("2401.1234")]
    [InlineData("1412.12345")]
    [InlineData("0612.0001")]
    public void Parse_ImpossibleNewStyleIds_AreNotArxiv(string input) =>
        Assert.IsNotType<PaperReference.Arxiv>(PaperReference.Parse(input));
}
