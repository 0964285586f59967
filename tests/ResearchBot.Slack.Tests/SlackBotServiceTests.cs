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
    public void AddSlackAdapter_RegistersSlackPublisherForAlerts()
    {
        using var host = SlackTestHost.Create(_slack, [TestCommand.Echo()]);

        var publishers = (IEnumerable<IChatPublisher>)host.Services.GetService(typeof(IEnumerable<IChatPublisher>))!;

        Assert.Contains(publishers, p => p.Platform == "slack");
    }
}
