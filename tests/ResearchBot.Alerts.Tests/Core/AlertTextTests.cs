using ResearchBot.Core.Alerts;
using ResearchBot.Core.Text;

namespace ResearchBot.Alerts.Tests.Core;

public sealed class AlertTextTests
{
    [Theory]
    [InlineData("Graph Neural Networks: a survey of O'Brien's studies (2024)")]
    [InlineData("Körding's spikes — naïve Bayes, ß and ø")]
    [InlineData("TeX {\\\"o} accents \\'e")]
    [InlineData("self-supervised_learning;x.y   ies  boxes buses iris")]
    public void Stems_EqualsFoldThenStem(string text) =>
        Assert.Equal(TextFold.Words(text).Select(PluralStemmer.Stem), AlertText.Stems(text));

    [Fact]
    public void Stems_RandomAscii_EqualsFoldThenStem()
    {
        var rng = new Random(5);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,-'_()[]{}!?\"\t";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, rng.Next(0, 200)).Select(_ => alphabet[rng.Next(alphabet.Length)])]);
            Assert.Equal(TextFold.Words(text).Select(PluralStemmer.Stem), AlertText.Stems(text));
        }
    }
}
