using System.Net;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.Tests.Support;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Tests.WebApi;

/// <summary>The Web API client and publisher against the scripted fake (SDOCS apis/web-api, rate-limits).</summary>
public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _host = SlackTestHost.Create(_slack, [TestCommand.Echo()], new Dictionary<string, string?> { ["Slack:RateLimitBudget"] = "00:00:30" });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private SlackWebApiClient Api => _host.Get<SlackWebApiClient>();

    private static ChatPostMessageRequest Post(string channel = "C123ABC456") =>
        ChatPostMessageRequest.From(channel, SlackReplyRenderer.Render(new Reply { Body = "hello" }));

    [Fact]
    public async Task AuthTest_Ok_ReturnsBotIdentityUsingBotToken()
    {
        var me = await Api.AuthTestAsync(TestContext.Current.CancellationToken);

        Assert.Equal("U0BOT", me.UserId);
        Assert.Equal("T123ABC456", me.TeamId);
        Assert.Equal("Bearer xoxb-test-bot", _slack.Calls.Single().Authorization);
    }

    [Fact]
    public async Task AuthTest_InvalidAuth_ThrowsTypedErrorWithCode()
    {
        _slack.ScriptJson("auth.test", """{"ok":false,"error":"invalid_auth"}""");

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Api.AuthTestAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid_auth", ex.Error);
        Assert.Equal("auth.test", ex.Method);
        Assert.True(ex.IsFatalAuth);
    }

    [Fact]
    public async Task PostMessage_OkFalseChannelNotFound_ThrowsWithCodeAndIsNotRetried()
    {
        _slack.ScriptJson("chat.postMessage", """{"ok":false,"error":"channel_not_found"}""");

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Api.PostMessageAsync(Post(), TestContext.Current.CancellationToken));

        Assert.Equal("channel_not_found", ex.Error);
        Assert.Equal(1, _slack.CallCount("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_429WithRetryAfter_WaitsThenRetriesOnce()
    {
        _slack.ScriptJson("chat.postMessage", """{"ok":false,"error":"ratelimited"}""", HttpStatusCode.TooManyRequests, retryAfter: "7");

        var post = Api.PostMessageAsync(Post(), TestContext.Current.CancellationToken);
        await _host.AdvanceUntilAsync(() => _slack.CallCount("chat.postMessage") == 1, TimeSpan.Zero, maxSteps: 200);
        var first = _host.Time.GetUtcNow();
        await _host.AdvanceUntilAsync(() => post.IsCompleted, TimeSpan.FromSeconds(1), maxSteps: 60);
        var result = await post;

        // The retry cannot go out before Retry-After has passed on the clock, measured from the 429's arrival.
        Assert.True(_host.Time.GetUtcNow() - first >= TimeSpan.FromSeconds(7));
        Assert.Equal("1700000000.000100", result.Ts);
        Assert.Equal(2, _slack.CallCount("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_429BeyondBudget_ThrowsRateLimitedWithoutWaiting()
    {
        _slack.ScriptJson("chat.postMessage", """{"ok":false,"error":"ratelimited"}""", HttpStatusCode.TooManyRequests, retryAfter: "120");

        var ex = await Assert.ThrowsAsync<SlackRateLimitedException>(() => Api.PostMessageAsync(Post(), TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Equal(1, _slack.CallCount("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_Timeout_NotRetriedAndMayHaveBeenDelivered()
    {
        var never = new TaskCompletionSource();
        _slack.Script("chat.postMessage", _ => never.Task);

        var post = Api.PostMessageAsync(Post(), TestContext.Current.CancellationToken);
        await _host.AdvanceUntilAsync(() => _slack.CallCount("chat.postMessage") == 1, TimeSpan.Zero, maxSteps: 200); // Slack has it
        await _host.AdvanceUntilAsync(() => post.IsCompleted, TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<SlackTransportException>(() => post);
        never.SetResult();

        Assert.True(ex.MayHaveBeenDelivered);
        Assert.Equal(1, _slack.CallCount("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_ServerError_NotRetriedAndMayHaveBeenDelivered()
    {
        _slack.ScriptJson("chat.postMessage", "{}", HttpStatusCode.BadGateway);

        var ex = await Assert.ThrowsAsync<SlackTransportException>(() => Api.PostMessageAsync(Post(), TestContext.Current.CancellationToken));

        Assert.True(ex.MayHaveBeenDelivered);
        Assert.Equal(1, _slack.CallCount("chat.postMessage"));
    }

    [Fact]
    public async Task AuthTest_TimeoutThenOk_RetriedBecauseIdempotent()
    {
        var never = new TaskCompletionSource();
        _slack.Script("auth.test", _ => never.Task);

        var call = Api.AuthTestAsync(TestContext.Current.CancellationToken);
        await _host.AdvanceUntilAsync(() => _slack.CallCount("auth.test") == 1, TimeSpan.Zero, maxSteps: 200);
        await _host.AdvanceUntilAsync(() => call.IsCompleted, TimeSpan.FromSeconds(1));
        never.SetResult();

        Assert.Equal("U0BOT", (await call).UserId);
        Assert.Equal(2, _slack.CallCount("auth.test"));
    }

    [Fact]
    public async Task AuthTest_ServerErrorThenOk_RetriedBecauseIdempotent()
    {
        _slack.ScriptJson("auth.test", "{}", HttpStatusCode.InternalServerError);

        var call = Api.AuthTestAsync(TestContext.Current.CancellationToken);
        await _host.AdvanceUntilAsync(() => call.IsCompleted, TimeSpan.FromMilliseconds(500));

        Assert.Equal("U0BOT", (await call).UserId);
        Assert.Equal(2, _slack.CallCount("auth.test"));
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("not_in_channel")]
    [InlineData("is_archived")]
    public async Task Publish_ChannelGone_PermanentDeliveryFailureWithCode(string error)
    {
        _slack.ScriptJson("chat.postMessage", $$"""{"ok":false,"error":"{{error}}"}""");
        var publisher = _host.Get<SlackChatPublisher>();

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            publisher.PublishAsync(new ChannelAddress("slack", "T1", "C404"), new Reply { Title = "New paper" }, TestContext.Current.CancellationToken));

        Assert.True(ex.Permanent);
        Assert.Equal(error, ex.Code);
    }

    [Fact]
    public async Task Publish_RateLimitedBeyondBudget_CarriesRetryAfterAndIsNotPermanent()
    {
        _slack.ScriptJson("chat.postMessage", "{}", HttpStatusCode.TooManyRequests, retryAfter: "90");
        var publisher = _host.Get<SlackChatPublisher>();

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            publisher.PublishAsync(new ChannelAddress("slack", "T1", "C1"), new Reply { Title = "New paper" }, TestContext.Current.CancellationToken));

        Assert.False(ex.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(90), ex.RetryAfter);
    }

    [Fact]
    public async Task Publish_Ok_PostsChannelMessageWithoutMentionParsing()
    {
        var publisher = _host.Get<SlackChatPublisher>();
        var reply = new Reply { Title = "<!channel> Attention is all you need", Visibility = ReplyVisibility.Private };

        await publisher.PublishAsync(new ChannelAddress("slack", "T1", "C777"), reply, TestContext.Current.CancellationToken);

        var body = _slack.Calls.Single(c => c.Method == "chat.postMessage").Json;
        Assert.Equal("C777", (string?)body["channel"]);
        Assert.False((bool)body["link_names"]!);
        Assert.Equal("none", (string?)body["parse"]);
        Assert.DoesNotContain("<!channel>", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("slack", publisher.Platform);
    }
}
