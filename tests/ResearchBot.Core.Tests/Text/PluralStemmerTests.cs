using ResearchBot.Core.Text;

namespace ResearchBot.Core.Tests.Text;

public sealed class PluralStemmerTests
{
    [Theory]
    // Plurals are reduced (the similarity tokenizer's and the alert matcher's cases).
    [InlineData("networks", "network")]
    [InlineData("studies", "study")]
    [InlineData("features", "feature")]
    [InlineData("sizes", "size")]
    [InlineData("caches", "cache")]
    [InlineData("ties", "ty")]
    // Words that only look plural stay.
    [InlineData("class", "class")]
    [InlineData("bias", "bias")]
    [InlineData("corpus", "corpus")]
    [InlineData("analysis", "analysis")]
    [InlineData("iris", "iris")]
    [InlineData("embedding", "embedding")]
    [InlineData("embedded", "embedded")]
    // -aes, -ees, -oes and -eies/-aies only lose their s.
    [InlineData("trees", "tree")]
    [InlineData("heroes", "heroe")]
    [InlineData("algae", "algae")]
    // Sibilant plurals keep their e (Harman's rule): "boxes" is not "box".
    [InlineData("boxes", "boxe")]
    [InlineData("classes", "classe")]
    [InlineData("approaches", "approache")]
    // Short words and words that do not end in s are left alone.
    [InlineData("gas", "gas")]
    [InlineData("its", "its")]
    [InlineData("ies", "ies")]
    [InlineData("gpu2", "gpu2")]
    [InlineData("", "")]
    public void Stem_Word_GivesHarmansStem(string word, string stem)
    {
        Assert.Equal(stem, PluralStemmer.Stem(word));
        Assert.Equal(stem, PluralStemmer.Stem(word.AsSpan()));
        Assert.Equal(stem, PluralStemmer.StemInPlace(word.ToCharArray()).ToString());
    }

    [Fact]
    public void Stem_Unchanged_ReturnsTheSameString()
    {
        const string word = "network";
        Assert.Same(word, PluralStemmer.Stem(word));
    }

    [Fact]
    public void StemInPlace_Ies_RewritesTheBufferAndReturnsAPrefix()
    {
        var buffer = "studies".ToCharArray();

        var stem = PluralStemmer.StemInPlace(buffer);

        Assert.Equal("study", stem.ToString());
        Assert.Equal("studyes", new string(buffer));
    }

    [Fact]
    public void Stem_RandomWords_AllThreeFormsAgree()
    {
        var rng = new Random(7);
        const string letters = "aeiosuyxzch";
        for (var i = 0; i < 5000; i++)
        {
            var word = new string([.. Enumerable.Range(0, rng.Next(0, 9)).Select(_ => letters[rng.Next(letters.Length)])]);
            var stem = PluralStemmer.Stem(word);
            Assert.Equal(stem, PluralStemmer.Stem(word.AsSpan()));
            Assert.Equal(stem, PluralStemmer.StemInPlace(word.ToCharArray()).ToString());
            Assert.True(stem.Length >= word.Length - 2, word);
        }
    }
}
