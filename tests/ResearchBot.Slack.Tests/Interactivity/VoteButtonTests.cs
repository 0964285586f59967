using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.Tests.Support;
using ResearchBot.TestKit;

namespace ResearchBot.Slack.Tests.Interactivity;

/// <summary>
/// The 👍 / 👎 buttons of a delivered alert clicked through the Slack adapter, over Socket Mode and over HTTP: the alert
/// is posted by the real publisher to the fake Slack, its buttons' values come back in <c>block_actions</c> payloads,
/// and <see cref="VoteCommand"/> (on the SQLite store) answers through the payload's response_url: the tally redrawn in
/// place (<c>replace_original</c>), or a private line. Every wait is bounded: the fake's reads (20 s), the transports'
/// run (<see cref="_stop"/>, 60 s) and the host's disposal (30 s), so a regression fails instead of hanging.
/// </summary>
public sealed class VoteButtonTests : IAsyncLifetime
{
    private const string Secret = "test-signing-secret";
    private static readonly ChannelAddress AlertChannel = new("slack", "T1", "C1");
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private FakeSlack _slack = null!;
    private int _clicks;

    public enum Transport
    {
        SocketMode,
        Http,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _slack.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>A host with the transport running: clicks go in as Slack sends them, answers are read off the fake.</summary>
    private sealed class Session(SlackAlertHost host, Func<string, string, Task> send, Task running, CancellationTokenSource stop) : IAsyncDisposable
    {
        public SlackAlertHost Host => host;

        /// <summary>Sends one click (payload JSON) with its id; returns once Slack's 3-second acknowledgement is in.</summary>
        public Task SendAsync(string id, string payload) => send(id, payload);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            await host.DisposeAsync();
        }
    }

    private async Task<Session> StartAsync(Transport transport)
    {
        var host = SlackAlertHost.Create(_slack, transport == Transport.Http ? new Dictionary<string, string?> { ["Slack:Mode"] = "Http" } : null);
        if (transport == Transport.SocketMode)
        {
            var running = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), Ct);
            var socket = await _slack.NextSocketAsync();
            await socket.HelloAsync();
            return new Session(host, async (id, payload) =>
            {
                await socket.SendAsync(JsonSerializer.Serialize(new { envelope_id = "env-" + id, type = "interactive", accepts_response_payload = false, payload = JsonNode.Parse(payload) }));
                var ack = await socket.ReceiveAsync();
                Assert.Equal("env-" + id, (string?)ack["envelope_id"]);
                Assert.Null(ack["payload"]); // an empty ack: the answer goes to response_url
            }, running, _stop);
        }

        var server = host.Get<SlackHttpServer>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Listening += uri => listening.TrySetResult(uri);
        var serving = Task.Run(() => server.RunAsync(_stop.Token), Ct);
        var http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct), Timeout = TimeSpan.FromSeconds(20) };
        return new Session(host, async (_, payload) =>
        {
            var body = "payload=" + Uri.EscapeDataString(payload);
            var now = host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, SlackCommandEndpoint.InteractionsPath) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
            request.Headers.Add("X-Slack-Request-Timestamp", now);
            request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Secret, now, Encoding.UTF8.GetBytes(body)));
            using var response = await http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct)); // an empty 200: the answer goes to response_url
        }, serving.ContinueWith(_ => http.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), _stop);
    }

    /// <summary>A block_actions payload as Slack sends it for a click on a button of the message in team/channel.</summary>
    private string BlockActions(string id, string? value, string user, string team, string channel) => JsonSerializer.Serialize(new
    {
        type = "block_actions",
        team = new { id = team, domain = "fake" },
        user = new { id = user, username = "someone", team_id = team },
        api_app_id = "A0FAKE",
        container = new { type = "message", message_ts = "1700000000.000100", channel_id = channel, is_ephemeral = false },
        trigger_id = "1.2.3",
        channel = new { id = channel, name = "papers" },
        response_url = _slack.ResponseUrl(id),
        actions = new object[] { new { action_id = "rb_0", block_id = "b0", type = "button", value, action_ts = "1700000001.000200" } },
    });

    /// <summary>Clicks and returns what the adapter posted to that click's response_url.</summary>
    private async Task<ApiCall> ClickAsync(Session session, string? value, string user, string team = "T1", string channel = "C1")
    {
        var id = "vote-" + Interlocked.Increment(ref _clicks).ToString(CultureInfo.InvariantCulture);
        await session.SendAsync(id, BlockActions(id, value, user, team, channel));
        var post = await _slack.NextResponsePostAsync();
        Assert.Equal("response/" + id, post.Method);
        return post;
    }

    /// <summary>The buttons of a Slack message body: label → value.</summary>
    private static Dictionary<string, string> Buttons(JsonNode message) =>
        message["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Where(e => (string?)e!["type"] == "button" && e["value"] is not null)
            .ToDictionary(e => (string)e!["text"]!["text"]!, e => (string)e!["value"]!);

    private static long AlertIdOf(string value) => long.Parse(value[(value.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    private static void AssertPrivateOneLine(ApiCall post, string? expected = null)
    {
        Assert.Equal("ephemeral", (string?)post.Json["response_type"]);
        Assert.False((bool)post.Json["replace_original"]!); // the shared message is left alone
        var text = (string?)post.Json["text"];
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.DoesNotContain('\n', text);
        var blocks = post.Json["blocks"]!.AsArray();
        Assert.DoesNotContain(blocks, b => (string?)b!["type"] == "actions"); // no buttons to click again
        var shown = Assert.Single(blocks.Select(b => (string?)b!["text"]?["text"]).OfType<string>());
        Assert.DoesNotContain('\n', shown);
        if (expected is not null)
        {
            Assert.Contains(expected, shown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Transport.SocketMode)]
    [InlineData(Transport.Http)]
    public async Task Vote_RedrawsTheAlertWithTheTally_OncePerUser_AndCanBeChanged(Transport transport)
    {
        await using var session = await StartAsync(transport);
        var posted = await session.Host.DeliverOneAlertAsync(_slack, AlertChannel, Ct);
        var buttons = Buttons(posted.Json);
        var up = buttons["👍"];
        var down = buttons["👎"];
        Assert.StartsWith("rb1:u:vote up alert:", up, StringComparison.Ordinal);
        Assert.Equal(AlertIdOf(up), AlertIdOf(down));

        var first = await ClickAsync(session, up, "U7");
        var again = await ClickAsync(session, up, "U7");
        var other = await ClickAsync(session, up, "U8");
        var changed = await ClickAsync(session, down, "U7");

        foreach (var answer in new[] { first, again, other, changed })
        {
            Assert.Equal("in_channel", (string?)answer.Json["response_type"]);
            Assert.True((bool)answer.Json["replace_original"]!); // the alert message itself is redrawn for everyone
            Assert.Contains("Diffusion models for audio", answer.Body, StringComparison.Ordinal);
        }

        Assert.Contains("👍 1", Buttons(first.Json).Keys);
        Assert.Contains("👍 1", Buttons(again.Json).Keys); // the same person clicking again changes nothing
        Assert.Contains("👎", Buttons(again.Json).Keys);
        Assert.Contains("👍 2", Buttons(other.Json).Keys);
        Assert.Contains("👍 1", Buttons(changed.Json).Keys); // U7 moved from 👍 to 👎
        Assert.Contains("👎 1", Buttons(changed.Json).Keys);
        Assert.Equal(up, Buttons(changed.Json)["👍 1"]); // the redrawn buttons still vote on the same alert
        Assert.Equal(new VoteTally(1, 1), (await session.Host.Feedback.TalliesAsync([AlertIdOf(up)], Ct))[AlertIdOf(up)]);
        Assert.Equal(1, _slack.CallCount("chat.postMessage")); // redrawn in place, never posted again
    }

    [Theory]
    [InlineData(Transport.SocketMode, "T9", "C1")] // another workspace, a channel id that happens to be the same
    [InlineData(Transport.SocketMode, "T1", "C9")] // another channel of the same workspace
    [InlineData(Transport.Http, "T9", "C1")]
    [InlineData(Transport.Http, "T1", "C9")]
    public async Task VoteFromAnotherWorkspaceOrChannel_PrivateOneLineRefusal_NothingRecorded(Transport transport, string team, string channel)
    {
        await using var session = await StartAsync(transport);
        var posted = await session.Host.DeliverOneAlertAsync(_slack, AlertChannel, Ct);
        var up = Buttons(posted.Json)["👍"];

        var answer = await ClickAsync(session, up, "U66", team, channel);

        AssertPrivateOneLine(answer, VoteCommand.NotHere);
        Assert.Empty(await session.Host.Feedback.TalliesAsync([AlertIdOf(up)], Ct));
    }

    /// <summary>
    /// Why an earlier version of these tests hung the test host: the host was disposed (on its fake clock, the clock
    /// standing still) while a vote's answer was still being posted to response_url. The Slack HTTP client's retry
    /// pipeline waits for calls in flight before it lets go, sleeping on the injected clock, and the per-attempt timeout
    /// runs on that clock too, so neither ever fired. Here Slack holds the answer and the adapter is still running when
    /// the host goes: the disposal must end within its bound (the clock moved, the attempt timed out).
    /// </summary>
    [Theory]
    [InlineData(Transport.SocketMode)]
    [InlineData(Transport.Http)]
    public async Task HostDisposedWhileAVoteAnswerIsStillBeingPosted_EndsWithinItsBound(Transport transport)
    {
        var session = await StartAsync(transport);
        try
        {
            var posted = await session.Host.DeliverOneAlertAsync(_slack, AlertChannel, Ct);
            _slack.HoldResponses();
            var id = "held";
            await session.SendAsync(id, BlockActions(id, Buttons(posted.Json)["👍"], "U7", "T1", "C1"));
            var post = await _slack.NextResponsePostAsync(); // Slack has the answer but has not said "ok"
            Assert.True((bool)post.Json["replace_original"]!);

            var disposing = session.Host.DisposeAsync().AsTask();
            await disposing.WaitAsync(SlackAlertHost.DisposeBound + TimeSpan.FromSeconds(5), Ct);
        }
        finally
        {
            _slack.AnswerResponses();
            await session.DisposeAsync();
        }
    }

    public static TheoryData<Transport, string?> MalformedVotes()
    {
        var values = new List<string?>(MalformedVoteValues.All)
        {
            "rb1:u:vote up alert:1" + new string(' ', 120) + "x", // Slack allows 2,000 characters; we never write over 100
            null, // a button without a value
        };
        var data = new TheoryData<Transport, string?>();
        foreach (var transport in new[] { Transport.SocketMode, Transport.Http })
        {
            foreach (var value in values)
            {
                data.Add(transport, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedVotes))]
    public async Task MalformedVoteValue_PrivateOneLineAnswer_NoVote_AndTheNextClickStillWorks(Transport transport, string? value)
    {
        await using var session = await StartAsync(transport);
        var posted = await session.Host.DeliverOneAlertAsync(_slack, AlertChannel, Ct);
        var up = Buttons(posted.Json)["👍"];

        var answer = await ClickAsync(session, value, "U7");

        AssertPrivateOneLine(answer);
        Assert.Empty(await session.Host.Feedback.TalliesAsync([AlertIdOf(up)], Ct));
        var next = await ClickAsync(session, up, "U7"); // the transport and the command are still fine
        Assert.True((bool)next.Json["replace_original"]!);
        Assert.Contains("👍 1", Buttons(next.Json).Keys);
    }
}
