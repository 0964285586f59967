using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests
{
    private static readonly DiscordMessage Hello = new() { Content = "hello" };

    [Fact]
    public async Task Send_429Storm_RetriesBoundedTimesAfterRetryAfterThenFails()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => FakeResponse.RateLimited(0.5);
        var start = rig.Time.GetUtcNow();

        var call = rig.Api.CreateMessageAsync("100", Hello, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => rig.PumpAsync(call, TimeSpan.FromMilliseconds(50)));

        Assert.Equal(429, ex.Status);
        var requests = rig.Server.Requests.ToArray();
        Assert.Equal(rig.Options.MaxRateLimitRetries + 1, requests.Length);
        for (var i = 1; i < requests.Length; i++)
        {
            Assert.True(requests[i].At - requests[i - 1].At >= TimeSpan.FromSeconds(0.5), "a retry came before retry_after");
        }

        Assert.True(rig.Time.GetUtcNow() - start < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Send_429ThenSuccess_WaitsRetryAfterAndSucceeds()
    {
        await using var rig = await TestRig.StartAsync();
        var n = 0;
        rig.Server.Responder = _ => Interlocked.Increment(ref n) <= 2 ? FakeResponse.RateLimited(1.25) : new FakeResponse(200, """{"id":"1"}""");

        var body = await rig.PumpAsync(rig.Rest.SendAsync(DiscordRoute.CreateMessage("100"), () => DiscordApi.MessageContent(Hello), CancellationToken.None), TimeSpan.FromMilliseconds(50));

        Assert.Equal("1", body!.Value.GetProperty("id").GetString());
        var requests = rig.Server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.True(requests[2].At - requests[0].At >= TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task Send_RetryAfterBeyondMaximum_FailsAtOnceWithRetryAfter()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => FakeResponse.RateLimited(120);

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => rig.Api.CreateMessageAsync("100", Hello, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Single(rig.Server.Requests);
    }

    [Fact]
    public async Task Send_Global429_PausesOtherRoutesUntilRetryAfter()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = r => r.Path.Contains("/channels/1/", StringComparison.Ordinal) && rig.Server.Requests.Count == 1
            ? FakeResponse.RateLimited(2, global: true)
            : FakeResponse.NoContent;
        var start = rig.Time.GetUtcNow();

        var first = rig.Api.CreateMessageAsync("1", Hello, CancellationToken.None);
        await TestRig.WaitUntilAsync(() => rig.Server.Requests.Count == 1);
        // The 429 must have been read (the global pause set) before the other route asks; nothing shows that from
        // outside, and 50 ms was not always enough on a loaded 2-core machine.
        await Task.Delay(500);
        var other = rig.Api.CreateMessageAsync("2", Hello, CancellationToken.None);
        await rig.PumpAsync(Task.WhenAll(first, other), TimeSpan.FromMilliseconds(100));

        var otherRequest = rig.Server.Requests.Single(r => r.Path.Contains("/channels/2/", StringComparison.Ordinal));
        Assert.True(otherRequest.At - start >= TimeSpan.FromSeconds(2), "another route went out during a global rate limit");
    }

    [Fact]
    public async Task Send_BucketExhaustedByHeaders_WaitsForResetOnlyOnThatResource()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => new FakeResponse(200, "{}", new Dictionary<string, string>
        {
            ["X-RateLimit-Bucket"] = "abc",
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = "3.0",
        });
        var start = rig.Time.GetUtcNow();
        await rig.Api.CreateMessageAsync("1", Hello, CancellationToken.None);

        await rig.Api.CreateMessageAsync("2", Hello, CancellationToken.None); // another channel: its own limit
        Assert.Equal(start, rig.Server.Requests.Last().At);

        await rig.PumpAsync(rig.Api.CreateMessageAsync("1", Hello, CancellationToken.None), TimeSpan.FromMilliseconds(100));
        Assert.True(rig.Server.Requests.Last().At - start >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Send_MoreThan50PerSecond_HoldsTheRestForTheNextSecond()
    {
        await using var rig = await TestRig.StartAsync();
        var start = rig.Time.GetUtcNow();

        var calls = Enumerable.Range(0, 60).Select(i => rig.Api.CreateMessageAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Hello, CancellationToken.None)).ToArray();
        // Before the clock moves at all, exactly 50 go out and the other 10 are held (waiting in real time, so a slow
        // machine cannot let the fake second pass before the first requests have even arrived).
        await TestRig.WaitUntilAsync(() => rig.Server.Requests.Count >= DiscordRateLimiter.GlobalPerSecond);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(DiscordRateLimiter.GlobalPerSecond, rig.Server.Requests.Count);
        await rig.PumpAsync(Task.WhenAll(calls), TimeSpan.FromMilliseconds(100));

        var times = rig.Server.Requests.Select(r => r.At - start).ToArray();
        Assert.Equal(60, times.Length);
        Assert.Equal(DiscordRateLimiter.GlobalPerSecond, times.Count(t => t < TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Send_InteractionCallbacks_AreExemptFromTheGlobalCapAndCarryNoBotToken()
    {
        await using var rig = await TestRig.StartAsync();
        var calls = Enumerable.Range(0, 60).Select(i => rig.Api.CreateInteractionResponseAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "tok" + i, ResearchBot.Discord.Interactions.InteractionCallbacks.Deferred(false), CancellationToken.None));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(rig.Server.Requests, r => Assert.Null(r.Authorization));
        Assert.All(rig.Server.Requests, r => Assert.Equal(rig.Time.GetUtcNow(), r.At));
    }

    [Fact]
    public async Task Send_401_StopsUsingTheToken()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => new FakeResponse(401, """{"message":"401: Unauthorized","code":0}""");

        await Assert.ThrowsAsync<DiscordApiException>(() => rig.Api.CreateMessageAsync("1", Hello, CancellationToken.None));
        var second = await Assert.ThrowsAsync<DiscordApiException>(() => rig.Api.CreateMessageAsync("1", Hello, CancellationToken.None));

        Assert.Equal(401, second.Status);
        Assert.Single(rig.Server.Requests);
        Assert.True(rig.Rest.TokenRejected);
    }

    [Fact]
    public async Task Send_ErrorBody_CarriesDiscordsCode()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => new FakeResponse(403, """{"message":"Missing Permissions","code":50013}""");

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => rig.Api.CreateMessageAsync("1", Hello, CancellationToken.None));

        Assert.Equal(50013, ex.Code);
        Assert.Equal(403, ex.Status);
    }

    [Fact]
    public async Task Send_ServerErrorOnPost_IsNotRetried()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => new FakeResponse(502);

        await Assert.ThrowsAsync<DiscordApiException>(() => rig.Api.CreateMessageAsync("1", Hello, CancellationToken.None));

        Assert.Single(rig.Server.Requests);
    }

    [Fact]
    public async Task Send_ServerErrorOnIdempotentRoute_RetriedAfterOneThenTwoSeconds()
    {
        await using var rig = await TestRig.StartAsync();
        var n = 0;
        rig.Server.Responder = r => Interlocked.Increment(ref n) <= 2 ? new FakeResponse(502) : rig.Server.DefaultResponse(r);
        var start = rig.Time.GetUtcNow();

        var info = await rig.PumpAsync(rig.Api.GetGatewayBotAsync(CancellationToken.None), TimeSpan.FromMilliseconds(100));

        Assert.False(string.IsNullOrEmpty(info.Url));
        var times = rig.Server.Requests.Select(r => r.At - start).ToArray();
        Assert.Equal(3, times.Length);
        Assert.True(times[1] >= TimeSpan.FromSeconds(1), "the first retry came before 1 s");
        Assert.True(times[2] - times[1] >= TimeSpan.FromSeconds(2), "the second retry came before 2 s more");
    }

    [Fact]
    public async Task Send_ServerErrorOnIdempotentRouteThatPersists_FailsAfterTwoRetriesWithTheStatus()
    {
        await using var rig = await TestRig.StartAsync();
        rig.Server.Responder = _ => new FakeResponse(503);

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => rig.PumpAsync(rig.Api.GetGatewayBotAsync(CancellationToken.None), TimeSpan.FromMilliseconds(100)));

        Assert.Equal(503, ex.Status);
        Assert.Equal(1 + DiscordRestClient.MaxServerErrorRetries, rig.Server.Requests.Count);
    }

    [Fact]
    public async Task Send_MessageWithFile_SendsMultipartWithPayloadJson()
    {
        await using var rig = await TestRig.StartAsync();
        var message = new DiscordMessage
        {
            Content = "chart",
            Files = [new Core.Replies.ReplyAttachment("chart.png", "image/png", new byte[] { 1, 2, 3 })],
            Attachments = [new DiscordAttachmentInfo("0", "chart.png")],
        };

        await rig.Api.CreateMessageAsync("1", message, CancellationToken.None);

        var request = Assert.Single(rig.Server.Requests);
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        var text = System.Text.Encoding.UTF8.GetString(request.Body);
        Assert.Contains("name=payload_json", text, StringComparison.Ordinal);
        Assert.Contains("name=\"files[0]\"; filename=chart.png", text, StringComparison.Ordinal);
    }
}
