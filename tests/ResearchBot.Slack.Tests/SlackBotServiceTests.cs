using ResearchBot.Core.Messaging;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests;

public sealed class SlackBotServiceTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async ValueTask InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Start_AuthTestOk_RecordsIdentityThenConnectsSocket()
    {
        await using var host = SlackTestHost.Create(_slack, [TestCommand.Echo()]);
        var service = host.Get<SlackBotService>();

        await service.StartAsync(TestContext.Current.CancellationToken);
        var socket = await _slack.NextSocketAsync();
        await socket.HelloAsync();
        await service.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("U0BOT", service.Identity?.UserId);
        Assert.Equal("auth.test", _slack.Calls.First().Method);
        Assert.Null(service.StoppedReason);
    }

    [Fact]
    public async Task Start_InvalidAuth_StopsSlackOnlyWithReason()
    {
        _slack.ScriptJson("auth.test", """{"ok":false,"error":"invalid_auth"}""");
        await using var host = SlackTestHost.Create(_slack, [TestCommand.Echo()]);
        var service = host.Get<SlackBotService>();

        await service.StartAsync(TestContext.Current.CancellationToken);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        // ExecuteAsync returned normally: BackgroundService does not stop the host, only Slack is off.
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal("invalid_auth", service.StoppedReason);
        Assert.Equal(0, _slack.CallCount("apps.connections.open"));
    }

    [Fact]
    public async Task Start_HttpMode_ServesSignedCommandsAfterAuthTest()
    {
        await using var host = SlackTestHost.Create(_slack, [TestCommand.Echo()], new() { ["Slack:Mode"] = "Http" });
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Get<ResearchBot.Slack.Http.SlackHttpServer>().Listening += uri => listening.TrySetResult(uri);
        var service = host.Get<SlackBotService>();

        await service.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken) };
        const string body = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fecho&text=hi";
        var ts = host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", ResearchBot.Slack.Http.SlackSignatureVerifier.Sign("test-signing-secret", ts, System.Text.Encoding.UTF8.GetBytes(body)));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        await service.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("auth.test", _slack.Calls.Single().Method); // no Socket Mode in Http mode
    }

    [Fact]
    public void AddSlackAdapter_RegistersSlackPublisherForAlerts()
    {
        using var host = SlackTestHost.Create(_slack, [TestCommand.Echo()]);

        var publishers = (IEnumerable<IChatPublisher>)host.Services.GetService(typeof(IEnumerable<IChatPublisher>))!;

        Assert.Contains(publishers, p => p.Platform == "slack");
    }
}
