using ResearchBot.Core.Alerts;

namespace ResearchBot.Alerts.Tests.Core;

public sealed class AlertQueryParserTests
{
    [Theory]
    [InlineData("transformer", "transformer")]
    [InlineData("graph neural", "graph AND neural")]
    [InlineData("\"graph neural networks\"", "\"graph neural networks\"")]
    [InlineData("a OR b c", "a OR b AND c")]
    [InlineData("(a OR b) c", "(a OR b) AND c")]
    [InlineData("diffusion -survey", "diffusion AND NOT survey")]
    [InlineData("diffusion NOT (survey OR review)", "diffusion AND NOT (survey OR review)")]
    [InlineData("author:\"Konrad Kording\"", "author:\"Konrad Kording\"")]
    [InlineData("author:Kording cat:cs.LG", "author:\"Kording\" AND cat:cs.lg")]
    [InlineData("cat:cs.* robot", "cat:cs.* AND robot")]
    [InlineData("cat:q-bio.NC OR cat:hep-th", "cat:q-bio.nc OR cat:hep-th")]
    [InlineData("self-supervised", "\"self-supervised\"")]
    [InlineData("x and y or z", "x AND y OR z")]
    public void Parse_ValidQuery_GivesCanonicalForm(string text, string canonical)
    {
        var result = AlertQueryParser.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(canonical, result.Query!.Canonical);
        Assert.Equal(canonical, AlertQueryParser.Parse(canonical).Query!.Canonical);
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("graph AND", 7, "AND needs a term after it")]
    [InlineData("OR graph", 1, "OR needs a term before it")]
    [InlineData("(graph OR tree", 1, "never closed")]
    [InlineData("graph) tree", 6, "no matching")]
    [InlineData("\"graph neural", 1, "quote is never closed")]
    [InlineData("graph ()", 7, "empty")]
    [InlineData("title:graph", 1, "Unknown field")]
    [InlineData("robots cat:cs", 8, "write cat:cs.* for the whole archive")]
    [InlineData("robots cat:c$s", 8, "not an arXiv category")]
    [InlineData("cat:cs*", 1, "not an arXiv category")]
    [InlineData("author:\"\"", 1, "needs a name")]
    [InlineData("-survey", 1, "only excludes")]
    [InlineData("NOT a OR NOT b", 1, "only excludes")]
    [InlineData("graph !!!", 7, "no letters or digits")]
    [InlineData("graph NOT", 7, "NOT needs a term after it")]
    public void Parse_InvalidQuery_PointsAtTheMistake(string text, int position, string message)
    {
        var result = AlertQueryParser.Parse(text);

        Assert.False(result.Success);
        Assert.Equal(position, result.ErrorPosition);
        Assert.Contains(message, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"character {position}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorWithContext_MarksTheCharacter()
    {
        var result = AlertQueryParser.Parse("graph) tree");

        Assert.Contains("graph▶) tree", result.ErrorWithContext("graph) tree"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_IsRefused()
    {
        var result = AlertQueryParser.Parse(new string('a', AlertQueryParser.MaxLength + 1));

        Assert.False(result.Success);
        Assert.Contains("too long", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyTerms_IsRefused()
    {
        var result = AlertQueryParser.Parse(string.Join(" OR ", Enumerable.Range(0, AlertQueryParser.MaxTerms + 1).Select(i => "w" + i)));

        Assert.False(result.Success);
        Assert.Contains("more than", result.Error, StringComparison.Ordinal);
    }
}
