using ResearchBot.Core.Authors;
using ResearchBot.Core.Text;

namespace ResearchBot.Core.Tests.Text;

/// <summary>The one TeX accent parser: what importers store and show, and what folding for matching sees.</summary>
public sealed class TexAccentsTests
{
    [Theory]
    [InlineData(@"Bal\'azs", "Balázs")]
    [InlineData(@"{\""o}rg", "örg")]
    [InlineData(@"K\""{o}rding", "Körding")]
    [InlineData(@"Ho\v{s}ek", "Hošek")]
    [InlineData(@"Fran\c{c}ois", "François")]
    [InlineData(@"Fran\c cois", "François")]
    [InlineData(@"{\o}rsted", "ørsted")]
    [InlineData(@"Stra\ss e", "Straße")]
    [InlineData(@"\AA ngstr\""om", "Ångström")]
    [InlineData(@"Mart\'{\i}nez", "Martínez")]
    [InlineData(@"Mart\'\i nez", "Martínez")]
    [InlineData(@"Tr\d{a}n", "Trạn")]
    [InlineData(@"Energy of $\alpha$ and $\omega$", @"Energy of $\alpha$ and $\omega$")]
    [InlineData(@"\cite{x} and \url{y}", @"\cite{x} and \url{y}")]
    [InlineData(@"\begin{equation} \dots", @"\begin{equation} \dots")]
    [InlineData("no TeX at all", "no TeX at all")]
    [InlineData(@"trailing \", @"trailing \")]
    public void Compose_TexAccents_BecomeLettersMathStays(string tex, string expected) =>
        Assert.Equal(expected, TexAccents.Compose(tex));

    [Theory]
    [InlineData(@"G\""odel's {\'E}cole", "godels ecole")]
    [InlineData(@"K\""{o}rding", "kording")]
    [InlineData(@"Mart\'{\i}nez", "martinez")]
    [InlineData(@"Ho\v{s}ek", "hosek")]
    // Keys stored before the parsers were merged: grouping braces in TeX text join their words.
    [InlineData(@"An $\mathcal{O}(n)$ algorithm", "an mathcalo n algorithm")]
    [InlineData(@"\emph{Deep} learning for \textbf{all}", "emphdeep learning for textbfall")]
    [InlineData(@"their \G{effective temperature}", "their effective temperature")]
    [InlineData("{B}ayesian without a backslash", "b ayesian without a backslash")]
    public void Fold_TexText_FoldsTheComposedLetters(string tex, string folded) =>
        Assert.Equal(folded, TextFold.Fold(tex));

    [Theory]
    [InlineData(@"Bal\'azs Szegedy", "Balázs Szegedy", "szegedy")]
    [InlineData(@"K\""{o}rding, Konrad", "Körding, Konrad", "kording")]
    [InlineData(@"{\O}ystein {Ore}", "Øystein Ore", "ore")]
    public void AuthorName_TexName_ShowsAccentsAndKeysWithout(string tex, string display, string surname)
    {
        var name = AuthorName.Parse(tex)!;

        Assert.Equal(display, name.Display);
        Assert.Equal(surname, name.Surname);
    }
}
