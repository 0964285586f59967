using ResearchBot.Core.Text;

namespace ResearchBot.Core.Tests.Text;

public sealed class TextFoldTests
{
    [Theory]
    [InlineData("Körding", "kording")]
    [InlineData("Straße", "strasse")]
    [InlineData("Øyvind  Ødegård", "oyvind odegard")]
    [InlineData("Self-Supervised, Learning!", "self supervised learning")]
    [InlineData("Erdős", "erdos")]
    [InlineData("ＦＵＬＬ width", "full width")]
    [InlineData("G\\\"odel's {\\'E}cole", "godels ecole")]
    public void Fold_CaseDiacriticsPunctuation_AreFolded(string input, string expected) =>
        Assert.Equal(expected, TextFold.Fold(input));

    [Fact]
    public void Fold_Null_IsEmpty() => Assert.Equal("", TextFold.Fold(null));
}
