using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Core.Papers;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.Tests.Support;
using ResearchBot.TestKit;

namespace ResearchBot.Slack.Tests.Events;

/// <summary>
/// The Events API over both transports (POST /slack/events and events_api envelopes) and link_shared answered with
/// chat.unfurl on the fake Slack: url_verification, signatures, retries deduplicated by event_id, the unfurls map
/// keyed by the exact shared URL, unresolvable links left out, and Slack:Unfurl off.
/// </summary>
public sealed class LinkUnfurlTests : IAsyncLifetime
{
    private const string Secret = "test-signing-secret";

    /// <summary>A shared link with a version, a query string and a fragment: the key must stay exactly this.</summary>
    internal const string SharedUrl = "https://arxiv.org/abs/1706.03762v5?context=cs.CL&utm_source=slack#S3";

    private FakeSlack _slack = null!;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    public async ValueTask InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _slack.DisposeAsync();
        _stop.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task SeedAsync(SlackTestHost host) => await host.Get<InMemoryPaperIndex>().AddAsync(
        Record("1706.03762", "Attention is all you need", "Sequence transduction with attention only. We propose the Transformer."),
        Record("1409.0473", "Neural machine translation by jointly learning to align", "Attention over recurrent sequence transduction."),
        Record("1508.04025", "Effective approaches to attention-based translation", "Attention for sequence transduction."),
        Record("1810.04805", "BERT: transformer pre-training", "Attention based transformer models."));

    private static PaperRecord Record(string id, string title, string abstractText) => new()
    {
        ArxivId = id,
        Title = title,
        Abstract = abstractText,
        Authors = ["Ada Lovelace"],
        Published = new DateOnly(2017, 6, 12),
        Categories = ["cs.CL"],
        Source = "arxiv",
    };

    internal static JsonObject LinkShared(string eventId, params string[] urls) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = "T123ABC456",
        ["api_app_id"] = "A123ABC456",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1_764_676_800,
        ["event"] = new JsonObject
        {
            ["type"] = "link_shared",
            ["channel"] = "C123ABC456",
            ["is_bot_user_member"] = true,
            ["user"] = "U123ABC456",
            ["message_ts"] = "1764676800.000100",
            ["unfurl_id"] = "C123ABC456.1764676800.000100.abcdef",
            ["source"] = "conversations_history",
            ["links"] = new JsonArray([.. urls.Select(u => (JsonNode)new JsonObject { ["domain"] = new Uri(u).Host, ["url"] = u })]),
            ["event_ts"] = "1764676800.000100",
        },
    };

    private static async Task<(SlackTestHost Host, HttpClient Http, Task Serving)> StartHttpAsync(FakeSlack slack, CancellationToken stop, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Slack:Mode"] = "Http" };
        foreach (var (k, v) in settings ?? [])
        {
            values[k] = v;
        }

        var host = SlackTestHost.Create(slack, [], values);
        var server = host.Get<SlackHttpServer>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Listening += uri => listening.TrySetResult(uri);
        var serving = Task.Run(() => server.RunAsync(stop), stop);
        var http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct) };
        return (host, http, serving);
    }

    private static async Task<HttpResponseMessage> PostEventAsync(HttpClient http, SlackTestHost host, string json, string? secret = Secret, int? retry = null)
    {
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, SlackCommandEndpoint.EventsPath) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Slack-Request-Timestamp", now);
        if (secret is not null)
        {
            request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(secret, now, Encoding.UTF8.GetBytes(json)));
        }

        if (retry is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await http.SendAsync(request, Ct);
    }

    private static async Task DrainAsync(SlackTestHost host) =>
        await host.Get<FollowUpTracker>().DrainAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);

    private List<ApiCall> Unfurls() => [.. _slack.Calls.Where(c => c.Method == "chat.unfurl")];

    [Fact]
    public async Task Http_UrlVerification_AnswersTheChallenge()
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;

        using var response = await PostEventAsync(http, host, """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)body["challenge"]);
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-secret")]
    public async Task Http_BadSignature_401AndNothingHappens(string? secret)
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;
        await SeedAsync(host);

        using var verification = await PostEventAsync(http, host, """{"token":"t","challenge":"c","type":"url_verification"}""", secret);
        using var shared = await PostEventAsync(http, host, LinkShared("Ev0BAD", SharedUrl).ToJsonString(), secret);
        await DrainAsync(host);

        Assert.Equal(HttpStatusCode.Unauthorized, verification.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, shared.StatusCode);
        Assert.DoesNotContain("\"c\"", await verification.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(Unfurls());
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Http_LinkShared_200ThenUnfurlKeyedByTheExactSharedUrl_UnresolvableLeftOut()
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;
        await SeedAsync(host);
        const string Missing = "https://arxiv.org/abs/2401.99999";
        const string NotAPaper = "https://huggingface.co/models/bert-base-uncased";

        using var response = await PostEventAsync(http, host, LinkShared("Ev0HTTP", SharedUrl, Missing, NotAPaper).ToJsonString());
        await DrainAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
        var call = Assert.Single(Unfurls());
        Assert.Equal("Bearer xoxb-test-bot", call.Authorization);
        var body = call.Json;
        Assert.Equal("C123ABC456", (string?)body["channel"]);
        Assert.Equal("1764676800.000100", (string?)body["ts"]);
        Assert.Null(body["unfurl_id"]);
        var unfurls = body["unfurls"]!.AsObject();
        Assert.Equal([SharedUrl], unfurls.Select(p => p.Key));
        var card = unfurls[SharedUrl]!["blocks"]!.ToJsonString();
        Assert.Contains("Attention is all you need", card, StringComparison.Ordinal);
        Assert.Contains("Similar papers", card, StringComparison.Ordinal);
        Assert.Contains("BERT: transformer pre-training", card, StringComparison.Ordinal);
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Http_RetriedEventId_AckedEachTimeButUnfurledOnce()
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;
        await SeedAsync(host);
        var json = LinkShared("Ev0RETRY", SharedUrl).ToJsonString();

        using var first = await PostEventAsync(http, host, json);
        using var retry1 = await PostEventAsync(http, host, json, retry: 1);
        using var retry2 = await PostEventAsync(http, host, json, retry: 2);
        await DrainAsync(host);

        Assert.All([first, retry1, retry2], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(Unfurls());
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Http_OnlyUnresolvableLinks_NoUnfurlCall()
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;
        host.Get<InMemoryRemotePaperLookup>().FailWith = "arXiv answered 503";

        using var response = await PostEventAsync(http, host, LinkShared("Ev0NONE", "https://arxiv.org/abs/2401.12345", "https://doi.org/10.1000/xyz", "https://arxiv.org/list/cs.LG/recent").ToJsonString());
        await DrainAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Unfurls());
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Http_UnfurlSwitchedOff_AckedAndNoCall()
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token, new() { ["Slack:Unfurl"] = "false" });
        await using var _ = host;
        using var __ = http;
        await SeedAsync(host);

        using var response = await PostEventAsync(http, host, LinkShared("Ev0OFF", SharedUrl).ToJsonString());
        await DrainAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Unfurls());
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Theory]
    [InlineData("""{"type":"event_callback","event_id":"Ev0MSG","event":{"type":"message","text":"hi"}}""")]
    [InlineData("""{"type":"app_rate_limited","minute_rate_limited":1518467820}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev0NOLINKS","event":{"type":"link_shared","channel":"C1","message_ts":"1.2"}}""")]
    [InlineData("""[1,2,3]""")]
    public async Task Http_OtherDeliveries_200AndSkipped(string json)
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;

        using var response = await PostEventAsync(http, host, json);
        await DrainAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Unfurls());
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Http_NotJson_400()
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;

        using var response = await PostEventAsync(http, host, "token=x&type=url_verification");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task SocketMode_LinkShared_AckedThenUnfurled_RetryEnvelopeHandledOnce()
    {
        await using var host = SlackTestHost.Create(_slack, []);
        await SeedAsync(host);
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), Ct);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        var callback = LinkShared("Ev0SOCKET", SharedUrl, "https://arxiv.org/abs/2401.99999");

        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-1", ["type"] = "events_api", ["accepts_response_payload"] = false, ["retry_attempt"] = 0, ["retry_reason"] = "", ["payload"] = callback.DeepClone() }.ToJsonString());
        var ack = await socket.ReceiveAsync();
        // Slack retries an event it thinks failed in a new envelope with the same event_id.
        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-2", ["type"] = "events_api", ["accepts_response_payload"] = false, ["retry_attempt"] = 1, ["retry_reason"] = "timeout", ["payload"] = callback.DeepClone() }.ToJsonString());
        var ack2 = await socket.ReceiveAsync();
        await DrainAsync(host);

        Assert.Equal("env-1", (string?)ack["envelope_id"]);
        Assert.Null(ack["payload"]);
        Assert.Equal("env-2", (string?)ack2["envelope_id"]);
        var call = Assert.Single(Unfurls());
        Assert.Equal("C123ABC456", (string?)call.Json["channel"]);
        Assert.Equal("1764676800.000100", (string?)call.Json["ts"]);
        Assert.Equal([SharedUrl], call.Json["unfurls"]!.AsObject().Select(p => p.Key));
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task SocketMode_ComposerLink_UnfurledByUnfurlIdAndSource()
    {
        await using var host = SlackTestHost.Create(_slack, []);
        await SeedAsync(host);
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), Ct);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        var callback = LinkShared("Ev0COMPOSER", "https://huggingface.co/papers/1706.03762");
        var e = callback["event"]!.AsObject();
        e["channel"] = "COMPOSER";
        e["message_ts"] = "U123ABC456-909b5454-75f8-4ac4-b325-1b40e230bbd8-gryl3kb80b3wm49ihzoo35fyqoq08n2y";
        e["unfurl_id"] = "U123ABC456-909b5454-75f8-4ac4-b325-1b40e230bbd8";
        e["source"] = "composer";

        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-c", ["type"] = "events_api", ["payload"] = callback }.ToJsonString());
        Assert.Equal("env-c", (string?)(await socket.ReceiveAsync())["envelope_id"]);
        await DrainAsync(host);

        var call = Assert.Single(Unfurls()).Json;
        Assert.Equal("U123ABC456-909b5454-75f8-4ac4-b325-1b40e230bbd8", (string?)call["unfurl_id"]);
        Assert.Equal("composer", (string?)call["source"]);
        Assert.Null(call["channel"]);
        Assert.Null(call["ts"]);
        Assert.NotNull(call["unfurls"]!["https://huggingface.co/papers/1706.03762"]);
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task SocketMode_SlackRefusesUnfurl_LoggedNotRetried()
    {
        _slack.ScriptJson("chat.unfurl", """{"ok":false,"error":"cannot_unfurl_url"}""");
        await using var host = SlackTestHost.Create(_slack, []);
        await SeedAsync(host);
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), Ct);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();

        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-r", ["type"] = "events_api", ["payload"] = LinkShared("Ev0REFUSED", SharedUrl) }.ToJsonString());
        Assert.Equal("env-r", (string?)(await socket.ReceiveAsync())["envelope_id"]);
        await DrainAsync(host);

        Assert.Single(Unfurls());
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Http_SlowArxivLookup_AckedBeforeTheCardIsReady()
    {
        var (host, http, serving) = await StartHttpAsync(_slack, _stop.Token);
        await using var _ = host;
        using var __ = http;
        var arxiv = host.Get<InMemoryRemotePaperLookup>();
        arxiv.Add(Record("2401.12345", "A paper arXiv is slow to give", "Fetched later."));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arxiv.Hold = release.Task;

        using var response = await PostEventAsync(http, host, LinkShared("Ev0SLOW", "https://arxiv.org/abs/2401.12345").ToJsonString());

        // The 200 went out while the card still waits for arXiv; the unfurl follows once arXiv answers.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Unfurls());
        release.SetResult();
        await DrainAsync(host);
        Assert.NotNull(Assert.Single(Unfurls()).Json["unfurls"]!["https://arxiv.org/abs/2401.12345"]);
        await _stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task SocketMode_SlowArxivLookup_EnvelopeAckedBeforeTheCardIsReady()
    {
        await using var host = SlackTestHost.Create(_slack, []);
        var arxiv = host.Get<InMemoryRemotePaperLookup>();
        arxiv.Add(Record("2401.12345", "A paper arXiv is slow to give", "Fetched later."));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arxiv.Hold = release.Task;
        var run = Task.Run(() => host.Get<SocketModeClient>().RunAsync(_stop.Token), Ct);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();

        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-slow", ["type"] = "events_api", ["payload"] = LinkShared("Ev0SLOWSOCKET", "https://arxiv.org/abs/2401.12345") }.ToJsonString());

        Assert.Equal("env-slow", (string?)(await socket.ReceiveAsync())["envelope_id"]);
        Assert.Empty(Unfurls());
        release.SetResult();
        await DrainAsync(host);
        Assert.Single(Unfurls());
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
