using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Trending;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Trending;
using ResearchBot.Sources.HuggingFace;
using ResearchBot.Sources.Running;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.HuggingFace;

public class HuggingFaceTests
{
    private static readonly string Day = Fixture.Text("hf_daily_papers_2024-10-25_first2items.json");

    private static TestHost Host(LoopbackServer server) => new(new Dictionary<string, string?>
    {
        ["Sources:HuggingFace:Enabled"] = "true",
        ["Sources:HuggingFace:BaseUrl"] = server.BaseUrl,
    }, new InstantTimeProvider());

    [Fact]
    public void Parse_RecordedDay_ReadsIdsTitlesUpvotes()
    {
        var items = DailyPapersParser.Parse(Day, new DateOnly(2024, 10, 25), out var skipped);

        Assert.Equal(2, items.Count);
        Assert.Equal(0, skipped);
        Assert.Equal("2410.17243", items[0].Trending.ArxivId);
        Assert.Equal(64, items[0].Trending.Upvotes);
        Assert.Equal("Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss", items[0].Trending.Title);
        Assert.Equal(64, items[0].Record.Upvotes);
        Assert.Equal("Zesen Cheng", items[0].Record.Authors[0]);
    }

    [Fact]
    public void Parse_ItemWithoutId_IsSkippedOthersKept()
    {
        var json = "[{\"paper\":{\"title\":\"no id\"}}," + Day.Trim()[1..];

        var items = DailyPapersParser.Parse(json, new DateOnly(2024, 10, 25), out var skipped);

        Assert.Equal(2, items.Count);
        Assert.Equal(1, skipped);
    }

    [Fact]
    public async Task Trending_Week_MergesDaysMostUpvotedFirst()
    {
        await using var server = new LoopbackServer(t => Canned.Ok(t.Contains("date=", StringComparison.Ordinal) ? Day : "[]", "application/json"));
        using var host = Host(server);

        var papers = await host.Get<ITrendingPapers>().GetAsync(TrendingWindow.Week, 10, TestContext.Current.CancellationToken);

        Assert.Equal(7, server.Requests.Count);
        Assert.Equal(2, papers.Count);
        Assert.True(papers[0].Upvotes >= papers[1].Upvotes);
    }

    [Fact]
    public async Task TrendingCommand_ServerSendsGarbage_RepliesWithASafeError()
    {
        await using var server = new LoopbackServer(_ => Canned.Ok("[{\"paper\":", "application/json"));
        using var host = Host(server);
        var command = new TrendingCommand(host.Get<ITrendingPapers>());

        var result = await command.ExecuteAsync(null!, CommandArguments.Empty, TestContext.Current.CancellationToken);

        var reply = result.ToReply();
        Assert.Equal(Core.Replies.ReplyKind.Error, reply.Kind);
        Assert.Contains("Hugging Face", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrendingCommand_Day_ListsPapersWithUpvotes()
    {
        await using var server = new LoopbackServer(_ => Canned.Ok(Day, "application/json"));
        using var host = Host(server);
        var command = new TrendingCommand(host.Get<ITrendingPapers>());

        var reply = (await command.ExecuteAsync(null!, CommandArguments.Empty, TestContext.Current.CancellationToken)).ToReply();

        Assert.Equal("Trending papers today", reply.Title);
        Assert.Contains("64 upvotes", reply.Papers[0].Meta, StringComparison.Ordinal);
        Assert.Equal("https://arxiv.org/abs/2410.17243", reply.Papers[0].Url);
    }

    [Fact]
    public async Task Source_Harvest_StoresUpvotesInTheIndex()
    {
        await using var server = new LoopbackServer(_ => Canned.Ok(Day, "application/json"));
        using var host = Host(server);
        var ct = TestContext.Current.CancellationToken;

        var result = await host.Get<SourceRunner>().RunOnceAsync(host.Get<HuggingFaceSource>(), ct);

        Assert.Equal(2, result.Added);
        Assert.Equal(64, (await host.Get<IPaperIndex>().GetAsync("2410.17243", ct))!.Upvotes);
        Assert.NotNull(await host.Get<ISourceCursorStore>().GetAsync("huggingface", ct));
    }
}
