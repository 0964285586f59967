using ResearchBot.Storage.Shared;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Tests;

public sealed class RecordTextTests
{
    [Theory]
    [InlineData("  Line one\n  line\ttwo.  ", 100, "Line one line two.")]
    [InlineData("a  b", 100, "a b")]
    [InlineData("a\u00a0b", 100, "a b")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData(" abc def", 5, "abc d")]
    [InlineData("abc def", 4, "abc")]
    [InlineData("abc  def", 4, "abc")]
    [InlineData("ab\U0001D400c", 3, "ab")]
    [InlineData("   \n ", 100, null)]
    [InlineData("", 100, null)]
    [InlineData(null, 100, null)]
    public void Clean_Whitespace_CollapsedTrimmedAndCut(string? input, int max, string? expected) =>
        Assert.Equal(expected, RecordText.Clean(input, max));

    [Fact]
    public void Clean_AlreadyClean_ReturnsTheSameString()
    {
        var title = "Attention is all you need";
        Assert.Same(title, RecordText.Clean(title, 100));
    }
}
