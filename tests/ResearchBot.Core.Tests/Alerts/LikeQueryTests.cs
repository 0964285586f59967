using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Core.Tests.Alerts;

public sealed class LikeQueryTests
{
    [Theory]
    [InlineData("like:2401.12345", new[] { "2401.12345" }, null)]
    [InlineData("like:2401.12345 LIKE:https://arxiv.org/abs/2402.00001v2 cat:cs.LG", new[] { "2401.12345", "https://arxiv.org/abs/2402.00001v2" }, "cat:cs.LG")]
    [InlineData("like:\"Attention is all you need\" -survey", new[] { "Attention is all you need" }, "-survey")]
    [InlineData("like:", new string[0], null)]
    public void Parse_SplitsExamplesFromTheFilter(string text, string[] examples, string? filter)
    {
        var like = LikeQuery.Parse(text);

        Assert.NotNull(like);
        Assert.Equal(examples, like.Examples);
        Assert.Equal(filter, like.Filter);
    }

    [Theory]
    [InlineData("diffusion cat:cs.LG")]
    [InlineData("unlike:2401.12345")]
    [InlineData("author:like:x")]
    public void Parse_WithoutLike_IsNotALikeQuery(string text)
    {
        Assert.Null(LikeQuery.Parse(text));
        Assert.False(LikeQuery.IsLike(text));
    }

    [Fact]
    public void FilterThatOnlyExcludes_IsAllowedForLike()
    {
        var like = LikeQuery.Parse("like:2401.12345 -survey -review")!;

        Assert.NotNull(like.FilterQuery);
        Assert.Equal("like:2401.12345 like:#7 -survey", LikeQuery.Format(["2401.12345", "#7"], "-survey"));
    }
}
