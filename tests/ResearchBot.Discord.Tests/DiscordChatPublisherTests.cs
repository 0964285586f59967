using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests;

public sealed class DiscordChatPublisherTests
{
    private static readonly ChannelAddress Channel = new("discord", "5", "600");

    private static DiscordChatPublisher Publisher(TestRig rig) => new(rig.Api, new DiscordReplyRenderer(), NullLogger<DiscordChatPublisher>.Instance);

    [Fact]
    public async Task Publish_Alert_PostsEmbedToChannelWithMentionsOff()
    {
        await using var rig = await TestRig.StartAsync();

        await Publisher(rig).PublishAsync(Channel, new Reply { Title = "New paper: @everyone", TitleUrl = "https://arxiv.org/abs/2401.00001", Body = "Matches your topic." }, CancellationToken.None);

        var request = Assert.Single(rig.Server.Requests);
        Assert.Equal("/api/v10/channels/600/messages", request.Path);
        Assert.Empty(request.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.False(request.Json.TryGetProperty("flags", out _));
    }

    [Fact]
    public async Task Publish_WithIdempotencyKey_SendsEnforcedNonce()
    {
        await using var rig = await TestRig.StartAsync();

        await Publisher(rig).PublishAsync(Channel, Reply.Info("x"), "alert-42-1", CancellationToken.None);

        var request = Assert.Single(rig.Server.Requests);
        Assert.Equal("alert-42-1", request.Json.GetProperty("nonce").GetString());
        Assert.True(request.Json.GetProperty("enforce_nonce").GetBoolean());
    }

    [Fact]
    public async Task Publish_WithoutKey_SendsNoNonce()
    {
        await using var rig = await TestRig.StartAsync();

        await Publisher(rig).PublishAsync(Channel, Reply.Info("x"), CancellationToken.None);

        Assert.False(Assert.Single(rig.Server.Requests).Json.TryGetProperty("nonce", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("this-key-is-far-too-long-for-discord")]
    public async Task Publish_InvalidKey_IsRefusedBeforeSending(string key)
    {
        await using var rig = await TestRig.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => Publisher(rig).PublishAsync(Channel, Reply.Info("x"), key, CancellationToken.None));
        Assert.Empty(rig.Server.Requests);
    }

    [Theory]
    [InlineData(404, 10003, true)]
    [InlineData(403, 50001, true)]
    [InlineData(403, 50013, true)]
    [InlineData(404, 0, true)]
    [InlineData(500, 0, false)]
    public async Task Publish_PlatformRefusal_MapsPermanence(int status, int code, bool permanent)
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => new FakeResponse(status, $$"""{"message":"no","code":{{code}}}""");

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => Publisher(rig).PublishAsync(Channel, Reply.Info("x"), CancellationToken.None));

        Assert.Equal(permanent, ex.Permanent);
        Assert.False(ex.MayHaveBeenDelivered);
    }

    [Fact]
    public async Task Publish_RateLimitedLongerThanWeWait_CarriesRetryAfter()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => FakeResponse.RateLimited(90);

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => Publisher(rig).PublishAsync(Channel, Reply.Info("x"), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(90), ex.RetryAfter);
        Assert.False(ex.Permanent);
    }

    [Fact]
    public async Task Publish_Timeout_SaysItMayHaveBeenDeliveredAndDoesNotRetry()
    {
        await using var rig = await TestRig.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(15));
        var gate = new TaskCompletionSource();
        rig.Server.Responder = _ =>
        {
            gate.Task.Wait(TimeSpan.FromSeconds(5));
            return FakeResponse.NoContent;
        };

        var call = Publisher(rig).PublishAsync(Channel, Reply.Info("x"), CancellationToken.None);
        await TestRig.WaitUntilAsync(() => !rig.Server.Requests.IsEmpty);
        rig.Time.Advance(TimeSpan.FromSeconds(16));
        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        gate.SetResult();

        Assert.True(ex.MayHaveBeenDelivered);
        Assert.Single(rig.Server.Requests);
    }

    [Fact]
    public async Task Publish_OtherPlatform_IsPermanentWithoutARequest()
    {
        await using var rig = await TestRig.StartAsync();

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => Publisher(rig).PublishAsync(new ChannelAddress("slack", "T", "C"), Reply.Info("x"), CancellationToken.None));

        Assert.True(ex.Permanent);
        Assert.Empty(rig.Server.Requests);
    }
}
