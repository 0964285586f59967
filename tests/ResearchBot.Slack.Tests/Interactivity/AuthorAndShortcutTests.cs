using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Commands.Author;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.Tests.Support;
using ResearchBot.TestKit;

namespace ResearchBot.Slack.Tests.Interactivity;

/// <summary>
/// <c>/author</c>'s namesake menu and buttons, and the "Similar papers" message shortcut, over Socket Mode and HTTP
/// against the fake Slack; every answer goes through response_url.
/// </summary>
public sealed class AuthorAndShortcutTests : IAsyncLifetime
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

    /// <summary>Stands in for /similar: echoes the paper it was asked about.</summary>
    private static TestCommand Similar() => new("similar", quick: true, (args, _) =>
        Task.FromResult(CommandResult.Ok(new Reply { Title = "Similar to " + args.GetString("text") })));

    private static async Task<ICommand> AuthorAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var index = new InMemoryPaperIndex(clock);
        var directory = new InMemoryAuthorDirectory();
        PaperRecord Record(string title, int year, string category, params string[] authors) =>
            new() { Title = title, Published = new DateOnly(year, 1, 1), Categories = [category], Authors = [.. authors], Source = "test" };
        var wei = await index.AddAsync(
            Record("Graph learning at scale with sparse attention", 2024, "cs.LG", "Wei Zhang", "Ana Lima"),
            Record("Message passing for molecules and proteins", 2025, "cs.LG", "Wei Zhang"));
        directory.Add("Wei Zhang", wei);
        directory.Add("Wen Zhang", await index.AddAsync(Record("Protein folding with diffusion models", 2022, "q-bio.BM", "Wen Zhang")));
        directory.Add("Ana Lima", [wei[0]]);
        return new AuthorCommand(directory, [], [], clock);
    }

    private string SlashEnvelope(string id, string command, string text) => JsonSerializer.Serialize(new
    {
        envelope_id = id,
        type = "slash_commands",
        accepts_response_payload = false,
        payload = new { team_id = "T1", channel_id = "C1", user_id = "U1", command, text, trigger_id = "trigger-" + id, response_url = _slack.ResponseUrl(id) },
    });

    private string BlockActions(string responseId, string value, bool select) => JsonSerializer.Serialize(new
    {
        type = "block_actions",
        team = new { id = "T1" },
        user = new { id = "U2", team_id = "T1" },
        channel = new { id = "C1" },
        response_url = _slack.ResponseUrl(responseId),
        actions = new object[]
        {
            select
                ? new { action_id = "rb_1", type = "static_select", selected_option = new { value } }
                : new { action_id = "rb_0", type = "button", value },
        },
    });

    /// <summary>A message shortcut payload shaped like the docs' (and java-slack-sdk's MessageShortcutPayload.json).</summary>
    private string Shortcut(string responseId, string text, object[]? attachments = null, object[]? blocks = null, string callbackId = MessageCommands.SimilarPapersCallbackId) => JsonSerializer.Serialize(new
    {
        type = "message_action",
        token = "verification-token",
        action_ts = "1754300000.000100",
        team = new { id = "T1", domain = "lab" },
        user = new { id = "U3", username = "ada", team_id = "T1", name = "ada" },
        channel = new { id = "C1", name = "papers" },
        is_enterprise_install = false,
        callback_id = callbackId,
        trigger_id = "13345224609.738474920.8088930838d88f008e0",
        response_url = _slack.ResponseUrl(responseId),
        message_ts = "1754290000.000200",
        message = new
        {
            type = "message",
            user = "U9",
            ts = "1754290000.000200",
            text,
            blocks = blocks ?? [],
            attachments = attachments ?? [],
        },
    });

    private static IEnumerable<JsonNode> Elements(ApiCall post) =>
        post.Json["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!);

    private async Task<(SlackTestHost Host, Task Run, FakeSocket Socket)> StartSocketAsync(params ICommand[] commands)
    {
        var host = SlackTestHost.Create(_slack, commands);
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        return (host, run, socket);
    }

    private async Task StopAsync(SlackTestHost host, Task run)
    {
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await host.DisposeAsync();
    }

    private async Task<ApiCall> InteractAsync(FakeSocket socket, string envelopeId, string payload)
    {
        await socket.SendAsync(JsonSerializer.Serialize(new { envelope_id = envelopeId, type = "interactive", accepts_response_payload = false, payload = JsonNode.Parse(payload) }));
        var ack = await socket.ReceiveAsync();
        Assert.Equal(envelopeId, (string?)ack["envelope_id"]);
        Assert.Null(ack["payload"]); // shortcuts and clicks take no ack body
        return await _slack.NextResponsePostAsync();
    }

    [Fact]
    public async Task SocketMode_NamesakeMenuPickThenPapersAndCoauthors()
    {
        var (host, run, socket) = await StartSocketAsync(await AuthorAsync());

        await socket.SendAsync(SlashEnvelope("env-author", "/author", "Zhang"));
        Assert.Equal("env-author", (string?)(await socket.ReceiveAsync())["envelope_id"]);
        var menu = await _slack.NextResponsePostAsync();

        Assert.Equal("ephemeral", (string?)menu.Json["response_type"]);
        var select = Elements(menu).Single(e => (string?)e["type"] == "static_select");
        var options = select["options"]!.AsArray();
        Assert.Equal(["Wei Zhang", "Wen Zhang"], options.Select(o => (string?)o!["text"]!["text"]));
        Assert.All(options, o => Assert.True(((string?)o!["value"])!.Length <= 75)); // Slack's option value limit

        var summary = await InteractAsync(socket, "env-pick", BlockActions("pick", (string)options[0]!["value"]!, select: true));

        Assert.Equal("in_channel", (string?)summary.Json["response_type"]);
        Assert.False((bool)summary.Json["replace_original"]!);
        Assert.Contains("Wei Zhang", summary.Body, StringComparison.Ordinal);
        var buttons = Elements(summary).Where(e => (string?)e["type"] == "button").ToList();
        Assert.Equal(["Papers", "Co-authors"], buttons.Select(b => (string?)b["text"]!["text"]));

        var papers = await InteractAsync(socket, "env-papers", BlockActions("papers", (string)buttons[0]["value"]!, select: false));
        Assert.Contains("Papers by Wei Zhang", papers.Body, StringComparison.Ordinal);
        Assert.Contains("Message passing for molecules and proteins", papers.Body, StringComparison.Ordinal);

        var coauthors = await InteractAsync(socket, "env-coauthors", BlockActions("coauthors", (string)buttons[1]["value"]!, select: false));
        Assert.Contains("Co-authors of Wei Zhang", coauthors.Body, StringComparison.Ordinal);
        var lima = Elements(coauthors).Single(e => (string?)e["type"] == "static_select")["options"]![0]!;
        var limaSummary = await InteractAsync(socket, "env-lima", BlockActions("lima", (string)lima["value"]!, select: true));
        Assert.Contains("Ana Lima", limaSummary.Body, StringComparison.Ordinal);
        await StopAsync(host, run);
    }

    [Fact]
    public async Task SocketMode_ShortcutOnAMessageWithALink_AnswersLikeSimilarAsANewMessage()
    {
        var similar = Similar();
        var (host, run, socket) = await StartSocketAsync(similar);

        var post = await InteractAsync(socket, "env-sc", Shortcut("sc-1", "worth reading <https://arxiv.org/abs/2401.12345v3|arxiv.org/abs/2401.12345v3> today"));

        Assert.Equal("response/sc-1", post.Method);
        Assert.Equal("in_channel", (string?)post.Json["response_type"]);
        Assert.False((bool)post.Json["replace_original"]!); // never over someone else's message
        Assert.Contains("Similar to 2401.12345", post.Body, StringComparison.Ordinal);
        Assert.Equal(1, similar.Runs);
        await StopAsync(host, run);
    }

    [Fact]
    public async Task SocketMode_ShortcutLinkOnlyInAnAttachment_IsFound()
    {
        var (host, run, socket) = await StartSocketAsync(Similar());

        var post = await InteractAsync(socket, "env-att", Shortcut("sc-2", "see the preview", attachments: [new { from_url = "https://huggingface.co/papers/2403.00007", title = "Paper page" }]));

        Assert.Contains("Similar to 2403.00007", post.Body, StringComparison.Ordinal);
        await StopAsync(host, run);
    }

    [Fact]
    public async Task SocketMode_ShortcutOnAMessageWithoutALink_EphemeralExplanation()
    {
        var similar = Similar();
        var (host, run, socket) = await StartSocketAsync(similar);

        var post = await InteractAsync(socket, "env-none", Shortcut("sc-3", "lunch at noon? <https://github.com/org/repo>"));

        Assert.Equal("ephemeral", (string?)post.Json["response_type"]);
        Assert.False((bool)post.Json["replace_original"]!);
        Assert.Contains(MessageCommands.NoReference, post.Body, StringComparison.Ordinal);
        Assert.Equal(0, similar.Runs);
        await StopAsync(host, run);
    }

    [Fact]
    public async Task SocketMode_UnknownShortcut_EphemeralAndNothingRuns()
    {
        var similar = Similar();
        var (host, run, socket) = await StartSocketAsync(similar);

        var post = await InteractAsync(socket, "env-unk", Shortcut("sc-4", "2401.12345", callbackId: "something_else"));

        Assert.Equal("ephemeral", (string?)post.Json["response_type"]);
        Assert.Equal(0, similar.Runs);
        await StopAsync(host, run);
    }

    [Theory]
    [InlineData("new paper: https://arxiv.org/pdf/2401.12345v2.pdf", "in_channel", "Similar to 2401.12345")]
    [InlineData("no link in this one", "ephemeral", MessageCommands.NoReference)]
    public async Task Http_Shortcut_200ThenTheAnswerThroughResponseUrl(string text, string responseType, string expected)
    {
        var post = await ShortcutOverHttpAsync(text,
        [
            new { type = "rich_text", elements = new object[] { new { type = "rich_text_section", elements = new object[] { new { type = "text", text } } } } },
        ]);

        Assert.Equal(responseType, (string?)post.Json["response_type"]);
        Assert.Contains(expected, post.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A message shortcut carries the whole message: 50 blocks of up to 3,000 characters are well over 64 KiB once
    /// form-encoded, and Slack still expects a 200.
    /// </summary>
    [Fact]
    public async Task Http_ShortcutOnALongMessage_IsNotRefusedAsTooLarge()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Results on the benchmark & its ablations: ", 70));
        var blocks = Enumerable.Range(0, 50)
            .Select(object (_) => new { type = "section", text = new { type = "mrkdwn", text = paragraph } })
            .ToArray();

        var post = await ShortcutOverHttpAsync("lab update, see https://arxiv.org/abs/2401.12345", blocks);

        Assert.Equal("in_channel", (string?)post.Json["response_type"]);
        Assert.Contains("Similar to 2401.12345", post.Body, StringComparison.Ordinal);
    }

    /// <summary>POSTs a signed message shortcut to <c>/slack/interactions</c>; asserts the bare 200 and returns the answer sent to the response URL.</summary>
    private async Task<ApiCall> ShortcutOverHttpAsync(string text, object[] blocks)
    {
        await using var host = SlackTestHost.Create(_slack, [Similar()], new Dictionary<string, string?> { ["Slack:Mode"] = "Http" });
        var server = host.Get<SlackHttpServer>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Listening += uri => listening.TrySetResult(uri);
        var serving = Task.Run(() => server.RunAsync(_stop.Token), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken) };
        var body = "payload=" + Uri.EscapeDataString(Shortcut("http-sc", text, blocks: blocks));
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, SlackCommandEndpoint.InteractionsPath) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", now);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Secret, now, Encoding.UTF8.GetBytes(body)));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var post = await _slack.NextResponsePostAsync();
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return post;
    }

    [Fact]
    public void Payload_RichTextLinkElements_AreRead()
    {
        var payload = JsonDocument.Parse(Shortcut("x", "see link", blocks:
        [
            new { type = "rich_text", elements = new object[] { new { type = "rich_text_section", elements = new object[] { new { type = "link", url = "https://www.alphaxiv.org/abs/2405.00011", text = "this" } } } } },
        ])).RootElement;

        var shortcut = ResearchBot.Slack.Interactivity.MessageShortcutPayload.FromJson(payload);

        Assert.NotNull(shortcut);
        Assert.Equal(["see link", "https://www.alphaxiv.org/abs/2405.00011"], shortcut.Texts);
        Assert.Equal("2405.00011", MessageCommands.SimilarPapers(shortcut.Texts)?.Raw);
    }

    /// <summary>An app's message (another feed bot's, say) often has its link only in a section's mrkdwn text.</summary>
    [Fact]
    public void Payload_SectionAndContextTexts_AreRead()
    {
        var payload = JsonDocument.Parse(Shortcut("x", "New paper", blocks:
        [
            new { type = "section", text = new { type = "mrkdwn", text = "*<https://arxiv.org/abs/2405.00011|Scaling laws>*" } },
            new { type = "context", elements = new object[] { new { type = "plain_text", text = "cs.LG" } } },
        ])).RootElement;

        var shortcut = ResearchBot.Slack.Interactivity.MessageShortcutPayload.FromJson(payload);

        Assert.NotNull(shortcut);
        Assert.Equal(["New paper", "*<https://arxiv.org/abs/2405.00011|Scaling laws>*", "cs.LG"], shortcut.Texts);
        Assert.Equal("2405.00011", MessageCommands.SimilarPapers(shortcut.Texts)?.Raw);
    }
}
