using System.Text.Json.Nodes;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests.SlashCommands;

/// <summary>Answers with files (the /author chart) share them through files.getUploadURLExternal → upload → files.completeUploadExternal.</summary>
public sealed class FileSharingTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];
    private FakeSlack _slack = null!;

    public async ValueTask InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    private static TestCommand Charting(ReplyVisibility visibility = ReplyVisibility.Channel, bool quick = true) =>
        new("author", quick, (_, _) => Task.FromResult(CommandResult.Ok(new Reply
        {
            Title = "Ada Lovelace",
            Body = "3 papers",
            Visibility = visibility,
            Attachments = [new ReplyAttachment("author-7-per-year.png", "image/png", Png, "Papers and citations per year")],
        })));

    [Fact]
    public async Task InlineAnswer_WithChart_SharesTheFileInTheChannelAfterTheAck()
    {
        await using var host = SlackTestHost.Create(_slack, [Charting()]);

        var body = await host.Get<SlashCommandHandler>().HandleAsync(new SlashCommandPayload("/author", "Lovelace", null, "U1", "T1", "C0CHAN1"), TestContext.Current.CancellationToken);
        await host.Get<FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal("in_channel", body!.ResponseType);
        var ticket = Assert.Single(_slack.Calls, c => c.Method == "files.getUploadURLExternal").Form;
        Assert.Equal("author-7-per-year.png", ticket["filename"]);
        Assert.Equal(Png.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ticket["length"]);
        Assert.Equal("Papers and citations per year", ticket["alt_txt"]);
        var upload = Assert.Single(_slack.Uploads);
        Assert.Equal(Png, upload.Content);
        Assert.Equal("", upload.Authorization); // the upload URL is pre-signed: our token never goes to it
        var complete = Assert.Single(_slack.Calls, c => c.Method == "files.completeUploadExternal");
        Assert.Equal("Bearer xoxb-test-bot", complete.Authorization);
        Assert.Equal("C0CHAN1", complete.Form["channel_id"]);
        var files = JsonNode.Parse(complete.Form["files"])!.AsArray();
        Assert.Equal("F0FILE1", (string?)files[0]!["id"]);
        Assert.Equal("Papers and citations per year", (string?)files[0]!["title"]);
    }

    [Fact]
    public async Task DeferredAnswer_WithChart_SharesAfterTheResponseUrlPost()
    {
        await using var host = SlackTestHost.Create(_slack, [Charting(quick: false)]);

        await host.Get<SlashCommandHandler>().HandleAsync(new SlashCommandPayload("/author", "Lovelace", _slack.ResponseUrl("r1"), "U1", "T1", "C0CHAN1"), TestContext.Current.CancellationToken);
        await host.Get<FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Ada Lovelace", (await _slack.NextResponsePostAsync()).Body, StringComparison.Ordinal);
        Assert.Single(_slack.Uploads);
        Assert.Equal(1, _slack.CallCount("files.completeUploadExternal"));
    }

    [Fact]
    public async Task PrivateAnswer_WithChart_SharesNothing()
    {
        await using var host = SlackTestHost.Create(_slack, [Charting(ReplyVisibility.Private)]);

        await host.Get<SlashCommandHandler>().HandleAsync(new SlashCommandPayload("/author", "Lovelace", null, "U1", "T1", "C0CHAN1"), TestContext.Current.CancellationToken);
        await host.Get<FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, _slack.CallCount("files.getUploadURLExternal"));
        Assert.Empty(_slack.Uploads);
    }

    [Fact]
    public async Task MissingFilesScope_AnswerStillGoesOutAndLaterAnswersStopTrying()
    {
        _slack.ScriptJson("files.getUploadURLExternal", """{"ok":false,"error":"missing_scope","needed":"files:write","provided":"commands,chat:write"}""");
        await using var host = SlackTestHost.Create(_slack, [Charting()]);
        var handler = host.Get<SlashCommandHandler>();

        var first = await handler.HandleAsync(new SlashCommandPayload("/author", "Lovelace", null, "U1", "T1", "C0CHAN1"), TestContext.Current.CancellationToken);
        await host.Get<FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);
        var second = await handler.HandleAsync(new SlashCommandPayload("/author", "Lovelace", null, "U1", "T1", "C0CHAN1"), TestContext.Current.CancellationToken);
        await host.Get<FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal("in_channel", first!.ResponseType);
        Assert.Equal("in_channel", second!.ResponseType);
        Assert.Equal(1, _slack.CallCount("files.getUploadURLExternal"));
        Assert.Equal(0, _slack.CallCount("files.completeUploadExternal"));
    }

    [Fact]
    public async Task UploadUrlRefusesTheBytes_NothingIsCompletedAndNothingThrows()
    {
        _slack.ScriptJson("files.getUploadURLExternal", new JsonObject { ["ok"] = true, ["upload_url"] = _slack.BaseUrl + "missing/F0FILE2", ["file_id"] = "F0FILE2" }.ToJsonString());
        await using var host = SlackTestHost.Create(_slack, [Charting()]);

        var body = await host.Get<SlashCommandHandler>().HandleAsync(new SlashCommandPayload("/author", "Lovelace", null, "U1", "T1", "C0CHAN1"), TestContext.Current.CancellationToken);
        await host.Get<FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal("in_channel", body!.ResponseType);
        Assert.Empty(_slack.Uploads);
        Assert.Equal(1, _slack.CallCount("files.getUploadURLExternal"));
        Assert.Equal(0, _slack.CallCount("files.completeUploadExternal"));
    }
}
