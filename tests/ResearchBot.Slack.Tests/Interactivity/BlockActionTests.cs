using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.Tests.Support;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Tests.Interactivity;

/// <summary>Clicks on our Block Kit buttons and menus over Socket Mode and HTTP, answered through response_url.</summary>
public sealed class BlockActionTests : IAsyncLifetime
{
    private const string Secret = "test-signing-secret";
    private FakeSlack _slack = null!;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    public async ValueTask InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _slack.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Page N of numbered results, offering "More" in place and a menu of pages to open as new messages.</summary>
    private static TestCommand Pager() => new("pager", quick: true, (args, _) =>
        Task.FromResult(CommandResult.Ok(PagerReply(long.TryParse(args.GetString("text")?.Replace("page:", "", StringComparison.Ordinal), CultureInfo.InvariantCulture, out var p) ? p : 1))));

    private static Reply PagerReply(long page) => new()
    {
        Title = $"Page {page}",
        Papers = [new PaperItem($"Result {page}.1", null, null)],
        Actions =
        [
            ReplyAction.Button("More", $"rb1:u:pager page:{page + 1}", "more"),
            ReplyAction.Select("Open a page…", [new ReplyChoice("Page 7", "rb1:n:pager page:7", "far away", 1)], "open"),
            ReplyAction.Link("arXiv", "https://arxiv.org/abs/1706.03762"),
        ],
    };

    private string BlockActions(string value, bool select = false) => JsonSerializer.Serialize(new
    {
        type = "block_actions",
        team = new { id = "T1" },
        user = new { id = "U1", team_id = "T1" },
        channel = new { id = "C1" },
        response_url = _slack.ResponseUrl("click-1"),
        actions = new object[]
        {
            select
                ? new { action_id = "rb_1", type = "static_select", selected_option = new { value } }
                : new { action_id = "rb_0", type = "button", value },
        },
    });

    [Fact]
    public void Renderer_ActionsBecomeOneActionsBlockWithButtonSelectAndLink()
    {
        var message = SlackReplyRenderer.Render(PagerReply(1));

        var json = JsonNode.Parse(JsonSerializer.Serialize(message.Blocks, SlackJson.Options))!.AsArray();
        var actions = json.Last()!;
        Assert.Equal("actions", (string?)actions["type"]);
        var elements = actions["elements"]!.AsArray();
        Assert.Equal("rb1:u:pager page:2", (string?)elements[0]!["value"]);
        Assert.Equal("static_select", (string?)elements[1]!["type"]);
        Assert.Equal("rb1:n:pager page:7", (string?)elements[1]!["options"]![0]!["value"]);
        Assert.Equal("https://arxiv.org/abs/1706.03762", (string?)elements[2]!["url"]);
        Assert.Equal(elements.Count, elements.Select(e => (string?)e!["action_id"]).Distinct().Count());
    }

    [Fact]
    public async Task SocketMode_MoreClick_AckedAtOnceThenReplacesTheMessage()
    {
        await using var host = SlackTestHost.Create(_slack, [Pager()]);
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();

        await socket.SendAsync(JsonSerializer.Serialize(new { envelope_id = "env-click", type = "interactive", accepts_response_payload = false, payload = JsonNode.Parse(BlockActions("rb1:u:pager page:2")) }));

        var ack = await socket.ReceiveAsync();
        Assert.Equal("env-click", (string?)ack["envelope_id"]);
        Assert.Null(ack["payload"]);
        var post = await _slack.NextResponsePostAsync();
        Assert.Equal("response/click-1", post.Method);
        Assert.True((bool)post.Json["replace_original"]!);
        Assert.Contains("Page 2", post.Body, StringComparison.Ordinal);
        Assert.Contains("rb1:u:pager page:3", post.Body, StringComparison.Ordinal);
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task SocketMode_TamperedValue_PrivateLineWithoutReplacing()
    {
        await using var host = SlackTestHost.Create(_slack, [Pager()]);
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();

        await socket.SendAsync(JsonSerializer.Serialize(new { envelope_id = "env-bad", type = "interactive", payload = JsonNode.Parse(BlockActions("rb1:u:pager page:2\u0007")) }));

        Assert.Equal("env-bad", (string?)(await socket.ReceiveAsync())["envelope_id"]);
        var post = await _slack.NextResponsePostAsync();
        Assert.Equal("ephemeral", (string?)post.Json["response_type"]);
        Assert.False((bool)post.Json["replace_original"]!);
        Assert.Contains(ActionHandler.Expired, post.Body, StringComparison.Ordinal);
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Http_SelectPick_200ThenANewMessageInTheChannel()
    {
        await using var host = SlackTestHost.Create(_slack, [Pager()], new Dictionary<string, string?> { ["Slack:Mode"] = "Http" });
        var server = host.Get<SlackHttpServer>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Listening += uri => listening.TrySetResult(uri);
        var serving = Task.Run(() => server.RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken) };
        var body = "payload=" + Uri.EscapeDataString(BlockActions("rb1:n:pager page:7", select: true));
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, SlackCommandEndpoint.InteractionsPath) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", now);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Secret, now, Encoding.UTF8.GetBytes(body)));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await _slack.NextResponsePostAsync();
        Assert.Equal("in_channel", (string?)post.Json["response_type"]);
        Assert.False((bool)post.Json["replace_original"]!);
        Assert.Contains("Page 7", post.Body, StringComparison.Ordinal);
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Http_UnsignedClick_401AndNothingRuns()
    {
        var pager = Pager();
        await using var host = SlackTestHost.Create(_slack, [pager], new Dictionary<string, string?> { ["Slack:Mode"] = "Http" });
        var server = host.Get<SlackHttpServer>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Listening += uri => listening.TrySetResult(uri);
        var serving = Task.Run(() => server.RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken) };

        using var response = await http.PostAsync(SlackCommandEndpoint.InteractionsPath, new StringContent("payload=" + Uri.EscapeDataString(BlockActions("rb1:u:pager page:2")), Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, pager.Runs);
        Assert.False(_slack.HasResponsePost);
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
