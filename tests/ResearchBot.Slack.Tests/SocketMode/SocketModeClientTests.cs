using System.Text.Json.Nodes;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests.SocketMode;

/// <summary>Socket Mode against a scripted fake Slack on loopback (SDOCS apis/events-api/using-socket-mode).</summary>
public sealed class SocketModeClientTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private CancellationTokenSource _stop = null!;

    public async ValueTask InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    }

    private readonly List<(SlackTestHost Host, Task<string> Run)> _started = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (host, run) in _started)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            await host.DisposeAsync();
        }

        _stop.Dispose();
        await _slack.DisposeAsync();
    }

    /// <summary>The documented envelope (fixture) with our command, text and a response_url on the fake.</summary>
    private string Envelope(string envelopeId, string command, string text, string responseId = "r1")
    {
        var node = JsonNode.Parse(Fixture.Read("slack_docs_socketmode_slash_commands_envelope.json"))!;
        node["envelope_id"] = envelopeId;
        node["payload"]!["command"] = command;
        node["payload"]!["text"] = text;
        node["payload"]!["trigger_id"] = "trigger-" + envelopeId;
        node["payload"]!["response_url"] = _slack.ResponseUrl(responseId);
        return node.ToJsonString();
    }

    private (SlackTestHost Host, Task<string> Run) Start(params Core.Commands.ICommand[] commands)
    {
        var host = SlackTestHost.Create(_slack, commands);
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token));
        _started.Add((host, run));
        return (host, run);
    }

    [Fact]
    public async Task Run_NormalSession_AcksQuickCommandWithAnswerInPayload()
    {
        var echo = TestCommand.Echo();
        var (host, run) = Start(echo);
        var socket = await _slack.NextSocketAsync();
        await socket.SendAsync(Fixture.Read("slack_socketmode_hello__slack-go.json"));
        await socket.SendAsync(Envelope("env-1", "/echo", "hello <!channel>"));

        var ack = await socket.ReceiveAsync();

        Assert.Equal("env-1", (string?)ack["envelope_id"]);
        Assert.Equal("in_channel", (string?)ack["payload"]!["response_type"]);
        var text = ack["payload"]!["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal("echo: hello &lt;!channel&gt;", text);
        Assert.Equal(1, echo.Runs);
        Assert.Equal("Bearer xapp-test-app", _slack.Calls.First(c => c.Method == "apps.connections.open").Authorization);
        await _stop.CancelAsync();
        Assert.Equal("stopped", await run);
    }

    [Fact]
    public async Task Run_UmbrellaCommand_ParsesSubcommandThroughSameSpec()
    {
        var echo = TestCommand.Echo();
        var (host, _) = Start(echo);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        await socket.SendAsync(Envelope("env-u", "/researchbot", "echo  via umbrella"));

        var ack = await socket.ReceiveAsync();

        Assert.Equal("echo: via umbrella", ack["payload"]!["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_ResentEnvelope_AckedTwiceHandledOnce()
    {
        var echo = TestCommand.Echo();
        var (host, _) = Start(echo);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();

        await socket.SendAsync(Envelope("env-dup", "/echo", "once"));
        var first = await socket.ReceiveAsync();
        await socket.SendAsync(Envelope("env-dup", "/echo", "once"));
        var second = await socket.ReceiveAsync();

        Assert.Equal("env-dup", (string?)first["envelope_id"]);
        Assert.Equal("env-dup", (string?)second["envelope_id"]);
        Assert.Null(second["payload"]);
        Assert.Equal(1, echo.Runs);
    }

    [Fact]
    public async Task Run_SlowCommand_AcksBeforeCommandFinishesThenAnswersViaResponseUrl()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = TestCommand.Gated("slow", quick: false, gate);
        var (host, _) = Start(slow);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        await socket.SendAsync(Envelope("env-slow", "/slow", "big job", "slow-1"));

        // The command is still blocked on its gate, yet the ack is already here: it cannot have waited for it.
        var ack = await socket.ReceiveAsync();
        Assert.Equal("env-slow", (string?)ack["envelope_id"]);
        Assert.Null(ack["payload"]);
        Assert.False(gate.Task.IsCompleted);
        Assert.False(_slack.HasResponsePost);

        gate.SetResult();
        var post = await _slack.NextResponsePostAsync();
        Assert.Equal("response/slow-1", post.Method);
        Assert.Equal("in_channel", (string?)post.Json["response_type"]);
        Assert.Contains("slow: big job", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CommandBlockingItsThreadFor5s_AcksWithin300msThenAnswersViaResponseUrl()
    {
        var (_, _) = Start(TestCommand.Blocking("search", quick: false, TimeSpan.FromSeconds(5)));
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await socket.SendAsync(Envelope("env-block", "/search", "spikes", "block-1"));

        var ack = await socket.ReceiveAsync();
        var ackedAfter = clock.Elapsed;

        Assert.Equal("env-block", (string?)ack["envelope_id"]);
        Assert.Null(ack["payload"]);
        Assert.True(ackedAfter < TimeSpan.FromMilliseconds(300), $"ack left after {ackedAfter.TotalMilliseconds} ms");
        var post = await _slack.NextResponsePostAsync();
        Assert.Equal("response/block-1", post.Method);
        Assert.Contains("blocked: spikes", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_QuickCommandBlockingItsThread_AcksEmptyWhenTheInlineBudgetRunsOut()
    {
        var (host, _) = Start(TestCommand.Blocking("search", quick: true, TimeSpan.FromSeconds(3)));
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        await socket.SendAsync(Envelope("env-quick-block", "/search", "spikes", "quick-block-1"));
        await Task.Delay(100, TestContext.Current.CancellationToken);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        host.Time.Advance(host.Get<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value.InlineAnswerBudget);
        var ack = await socket.ReceiveAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(1000), $"ack left {clock.Elapsed.TotalMilliseconds} ms after the budget ran out");
        Assert.Equal("env-quick-block", (string?)ack["envelope_id"]);
        Assert.Null(ack["payload"]);
        Assert.Contains("blocked: spikes", (await _slack.NextResponsePostAsync()).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_QuickCommandThatStalls_AcksEmptyAfterInlineBudgetThenFollowsUp()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stalling = TestCommand.Gated("stall", quick: true, gate);
        var (host, _) = Start(stalling);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        await socket.SendAsync(Envelope("env-stall", "/stall", "x", "stall-1"));

        // No ack until the 2 s inline budget passes on the (fake) clock; then an empty ack, inside Slack's 3 s.
        await host.AdvanceUntilAsync(() => stalling.Runs == 1, TimeSpan.Zero, maxSteps: 200);
        var received = host.Time.GetUtcNow();
        Assert.False(socket.TryReceive(out _));
        await host.AdvanceUntilAsync(() => socket.TryReceive(out var f) && Keep(f), TimeSpan.FromMilliseconds(100), maxSteps: 40);
        Assert.Equal("env-stall", (string?)_kept!["envelope_id"]);
        Assert.Null(_kept["payload"]);
        Assert.InRange(host.Time.GetUtcNow() - received, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        gate.SetResult();
        var post = await _slack.NextResponsePostAsync();
        Assert.Contains("slow: x", post.Body, StringComparison.Ordinal);
    }

    private JsonNode? _kept;

    private bool Keep(JsonNode? frame)
    {
        _kept = frame;
        return true;
    }

    [Fact]
    public async Task Run_RefreshRequested_ReconnectsWithFreshUrlAndKeepsAcking()
    {
        var echo = TestCommand.Echo();
        var (host, _) = Start(echo);
        var first = await _slack.NextSocketAsync();
        await first.HelloAsync();
        await first.SendAsync(Fixture.Read("slack_docs_socketmode_disconnect_refresh_requested.json"));

        var second = await _slack.NextSocketAsync();
        await second.HelloAsync();
        await second.SendAsync(Envelope("env-2", "/echo", "after refresh"));
        var ack = await second.ReceiveAsync();

        Assert.NotEqual(first.Ticket, second.Ticket);
        Assert.Equal(2, _slack.CallCount("apps.connections.open"));
        Assert.Equal("env-2", (string?)ack["envelope_id"]);
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Run_DisconnectWarning_OpensReplacementBeforeClosingOldLink()
    {
        var (host, _) = Start(TestCommand.Echo());
        var first = await _slack.NextSocketAsync();
        await first.HelloAsync();
        await first.SendAsync(Fixture.Read("slack_docs_socketmode_disconnect_warning.json"));

        var second = await _slack.NextSocketAsync();
        Assert.False(first.Closed.IsCompleted); // old link still up while the new one says hello
        await second.HelloAsync();

        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, first.CloseStatus);
        await second.SendAsync(Envelope("env-3", "/echo", "on the replacement"));
        Assert.Equal("env-3", (string?)(await second.ReceiveAsync())["envelope_id"]);
    }

    [Fact]
    public async Task Run_LinkDisabled_StopsWithoutReconnecting()
    {
        var (host, run) = Start(TestCommand.Echo());
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        await socket.SendAsync(Fixture.Read("slack_docs_socketmode_disconnect_link_disabled.json"));

        Assert.Equal("link_disabled", await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Equal(1, _slack.CallCount("apps.connections.open"));
    }

    [Fact]
    public async Task Run_InvalidAuthOnConnectionsOpen_GivesUpWithErrorCode()
    {
        _slack.ScriptJson("apps.connections.open", """{"ok":false,"error":"invalid_auth"}""");
        var (host, run) = Start(TestCommand.Echo());

        Assert.Equal("invalid_auth", await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Equal(1, _slack.CallCount("apps.connections.open"));
    }

    [Fact]
    public async Task Run_DroppedSocket_ReconnectsAfterBackoff()
    {
        var (host, _) = Start(TestCommand.Echo());
        var first = await _slack.NextSocketAsync();
        await first.HelloAsync();

        first.Drop();
        FakeSocket? second = null;
        await host.AdvanceUntilAsync(() => _slack.TryTakeSocket(out second), TimeSpan.FromMilliseconds(250));

        await second!.HelloAsync();
        await second.SendAsync(Envelope("env-4", "/echo", "back"));
        Assert.Equal("env-4", (string?)(await second.ReceiveAsync())["envelope_id"]);
        Assert.Equal(2, _slack.CallCount("apps.connections.open"));
    }

    [Fact]
    public async Task Run_ConnectionsOpenServerError_RetriesWithBackoff()
    {
        _slack.ScriptJson("apps.connections.open", "{}", System.Net.HttpStatusCode.ServiceUnavailable);
        _slack.ScriptJson("apps.connections.open", "{}", System.Net.HttpStatusCode.ServiceUnavailable);
        _slack.ScriptJson("apps.connections.open", "{}", System.Net.HttpStatusCode.ServiceUnavailable);
        var (host, _) = Start(TestCommand.Echo());

        FakeSocket? socket = null;
        await host.AdvanceUntilAsync(() => _slack.TryTakeSocket(out socket), TimeSpan.FromMilliseconds(500));

        Assert.NotNull(socket);
        Assert.Equal(4, _slack.CallCount("apps.connections.open"));
    }

    [Fact]
    public async Task Run_NonCommandEnvelope_AckedAndIgnored()
    {
        var (host, _) = Start(TestCommand.Echo());
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        await socket.SendAsync("""{"envelope_id":"env-ev","type":"events_api","accepts_response_payload":false,"payload":{"event":{"type":"app_mention"}},"retry_attempt":0,"retry_reason":""}""");

        var ack = await socket.ReceiveAsync();

        Assert.Equal("env-ev", (string?)ack["envelope_id"]);
        Assert.Null(ack["payload"]);
    }
}
