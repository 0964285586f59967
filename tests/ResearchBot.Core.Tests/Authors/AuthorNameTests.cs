using ResearchBot.Core.Authors;

namespace ResearchBot.Core.Tests.Authors;

public sealed class AuthorNameTests
{
    [Theory]
    [InlineData("Konrad Kording")]
    [InlineData("Konrad P. Kording")]
    [InlineData("K. Kording")]
    [InlineData("Körding")]
    [InlineData("KÖRDING, Konrad")]
    [InlineData("Kording K")]
    [InlineData("  konrad   p  körding ")]
    [InlineData("K\\\"{o}rding, Konrad P.")]
    public void Parse_VariantsOfOnePerson_ShareSurnameAndAreCompatible(string variant)
    {
        var canonical = AuthorName.Parse("Konrad Kording")!;
        var parsed = AuthorName.Parse(variant)!;

        Assert.Equal("kording", parsed.Surname);
        Assert.True(parsed.IsCompatibleWith(canonical));
        Assert.True(canonical.IsCompatibleWith(parsed));
    }

    [Fact]
    public void IsCompatibleWith_DifferentFullGivenNames_IsFalse()
    {
        Assert.False(AuthorName.Parse("Wei Zhang")!.IsCompatibleWith(AuthorName.Parse("Wen Zhang")!));
        Assert.False(AuthorName.Parse("K. Kording")!.IsCompatibleWith(AuthorName.Parse("Anna Kording")!));
    }

    [Fact]
    public void IsCompatibleWith_SurnameSubstring_IsFalse()
    {
        // The classic feed-bot bug: "Yu" must not match "Yujia" or "Yuan".
        Assert.False(AuthorName.Parse("Yu")!.IsCompatibleWith(AuthorName.Parse("Li Yujia")!));
        Assert.False(AuthorName.Parse("Tao Yu")!.IsCompatibleWith(AuthorName.Parse("Tao Yuan")!));
    }

    [Theory]
    [InlineData("Ludwig van der Meer", "vandermeer", "ludwig")]
    [InlineData("Martin Luther King Jr.", "king", "martin")]
    [InlineData("O'Brien, Sean", "obrien", "sean")]
    [InlineData("Paweł Łukasz", "lukasz", "pawel")]
    [InlineData("Bal\\'azs Szegedy", "szegedy", "balazs")]
    public void Parse_ParticlesSuffixesApostrophesAndSpecialLetters_Fold(string input, string surname, string given)
    {
        var name = AuthorName.Parse(input)!;
        Assert.Equal(surname, name.Surname);
        Assert.Equal(given, name.FirstGiven);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("@#$%")]
    public void Parse_NoLetters_ReturnsNull(string input) => Assert.Null(AuthorName.Parse(input));

    [Fact]
    public void Key_FoldsMiddleInitials()
    {
        Assert.Equal("kording k", AuthorName.Parse("Konrad P. Kording")!.Key);
        Assert.Equal(AuthorName.Parse("K. Körding")!.Key, AuthorName.Parse("Konrad Kording")!.Key);
    }
}
