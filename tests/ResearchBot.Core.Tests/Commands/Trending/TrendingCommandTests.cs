using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Trending;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Trending;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Commands.Trending;

public sealed class TrendingCommandTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPaperIndex _index;

    public TrendingCommandTests() => _index = new InMemoryPaperIndex(_clock);

    private static PaperRecord Upvoted(string title, int? upvotes, string? arxiv = null, params string[] authors) =>
        new() { Title = title, Upvotes = upvotes, ArxivId = arxiv, Authors = [.. authors], Source = "seed" };

    /// <summary>Papers that entered the index 6 days, 2 days, 3 hours and 1 hour ago.</summary>
    private async Task SeedIndexAsync()
    {
        await _index.AddAsync(Upvoted("A week-old favourite about diffusion", 300, "2602.00001", "Ann One"));
        _clock.Advance(TimeSpan.FromDays(4));
        await _index.AddAsync(Upvoted("Two days old and popular enough", 120, "2602.00002", "Bo Two", "Cy Three", "Di Four"));
        _clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromHours(3));
        await _index.AddAsync(
            Upvoted("Fresh paper with many upvotes", 42, "2603.00003", "Ed Five", "Flo Six"),
            Upvoted("Fresh paper nobody upvoted yet", null, "2603.00004"));
        _clock.Advance(TimeSpan.FromHours(2));
        await _index.AddAsync(Upvoted("Fresh paper without an arXiv id, known by title", 7, null, "Gus Seven"));
        _clock.Advance(TimeSpan.FromHours(1));
    }

    private TrendingCommand FromIndex() => new(new IndexTrendingPapers(_index, _clock));

    [Fact]
    public async Task Trending_Day_ListsTodaysUpvotedIndexPapersMostUpvotedFirst()
    {
        await SeedIndexAsync();

        var reply = await CommandHarness.ReplyAsync(FromIndex(), "");

        Assert.Equal("Trending papers today", reply.Title);
        Assert.Equal(["Fresh paper with many upvotes", "Fresh paper without an arXiv id, known by title"], reply.Papers.Select(p => p.Title));
        Assert.Equal("Ed Five, Flo Six · 42 upvotes · featured 2026-03-08", reply.Papers[0].Meta);
        Assert.Equal("https://arxiv.org/abs/2603.00003", reply.Papers[0].Url);
        Assert.Equal("2603.00003", reply.Papers[0].Id);
        // Without an arXiv id the item carries the index's id and no link.
        Assert.StartsWith("t:", reply.Papers[1].Id, StringComparison.Ordinal);
        Assert.Null(reply.Papers[1].Url);
        Assert.Equal("Source: this index · upvotes as of now · /paper ID for details", reply.Footer);
    }

    [Theory]
    [InlineData("week")]
    [InlineData("WEEK")]
    public async Task Trending_Week_ReachesBackSevenDays(string window)
    {
        await SeedIndexAsync();

        var reply = await CommandHarness.ReplyAsync(FromIndex(), window);

        Assert.Equal("Trending papers this week", reply.Title);
        Assert.Equal(
            ["A week-old favourite about diffusion", "Two days old and popular enough", "Fresh paper with many upvotes", "Fresh paper without an arXiv id, known by title"],
            reply.Papers.Select(p => p.Title));
        Assert.Equal("Bo Two, Cy Three et al. · 120 upvotes · featured 2026-03-06", reply.Papers[1].Meta);
    }

    [Fact]
    public async Task Trending_PaperOlderThanTheWindow_IsLeftOut()
    {
        await SeedIndexAsync();
        _clock.Advance(TimeSpan.FromDays(2));

        var reply = await CommandHarness.ReplyAsync(FromIndex(), "week");

        Assert.DoesNotContain(reply.Papers, p => p.Title == "A week-old favourite about diffusion");
        Assert.Equal(3, reply.Papers.Length);
    }

    [Fact]
    public async Task Trending_Limit_CutsTheList()
    {
        await SeedIndexAsync();

        var reply = await CommandHarness.ReplyAsync(FromIndex(), "week limit:2");

        Assert.Equal(["A week-old favourite about diffusion", "Two days old and popular enough"], reply.Papers.Select(p => p.Title));
    }

    [Theory]
    [InlineData("", "Nothing is trending today in this index (Hugging Face curates on weekdays). Try `/trending week`.")]
    [InlineData("week", "Nothing was trending in this index in the last 7 days.")]
    public async Task Trending_NothingInTheWindow_SaysSoForThatWindow(string window, string message)
    {
        await _index.AddAsync(Upvoted("Old and upvoted", 99, "2601.00001"));
        _clock.Advance(TimeSpan.FromDays(30));
        await _index.AddAsync(Upvoted("New but not upvoted", null, "2603.00001"));

        var result = await CommandHarness.ExecuteAsync(FromIndex(), window);

        Assert.Equal(message, Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Theory]
    [InlineData("month")]
    [InlineData("day limit:0")]
    [InlineData("week limit:26")]
    public void Trending_UnknownWindowOrLimitOutOfRange_IsRefusedByTheBinder(string text) =>
        Assert.NotNull(CommandHarness.BindError(FromIndex(), text));

    [Fact]
    public async Task Trending_FromAFeed_ShowsCommentsFeaturedDateAndTheSourceName()
    {
        var feed = new InMemoryTrendingPapers(_clock);
        feed.Add(
            new TrendingPaper("2603.01001", "Featured today", ["Ann One"], 12, new DateOnly(2026, 3, 2), 3, "huggingface"),
            new TrendingPaper("2602.01002", "Featured five days ago", ["Bo Two"], 80, new DateOnly(2026, 2, 25), 0, "huggingface"),
            new TrendingPaper("2602.01003", "Featured last month", ["Cy Three"], 500, new DateOnly(2026, 2, 1), 0, "huggingface"));
        var command = new TrendingCommand(feed);

        var day = await CommandHarness.ReplyAsync(command, "day");
        var week = await CommandHarness.ReplyAsync(command, "week");

        var today = Assert.Single(day.Papers);
        Assert.Equal("Ann One · 12 upvotes · 3 comments · featured 2026-03-02", today.Meta);
        Assert.Equal("https://arxiv.org/abs/2603.01001", today.Url);
        Assert.Equal("Source: Hugging Face daily papers · upvotes as of now · /paper ID for details", day.Footer);
        Assert.Equal(["Featured five days ago", "Featured today"], week.Papers.Select(p => p.Title));
        Assert.Equal("Bo Two · 80 upvotes · featured 2026-02-25", week.Papers[0].Meta);
    }

    [Fact]
    public async Task Trending_SourceUnavailable_RepliesWithItsSafeMessage()
    {
        var feed = new InMemoryTrendingPapers(_clock) { FailWith = "Hugging Face did not answer (HTTP 502)." };

        var reply = await CommandHarness.ReplyAsync(new TrendingCommand(feed), "week");

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal("Hugging Face did not answer (HTTP 502).", reply.Body);
    }
}
