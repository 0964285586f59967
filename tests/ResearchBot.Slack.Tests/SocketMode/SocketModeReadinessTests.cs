using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ResearchBot.Core.Health;
using ResearchBot.Core.Telemetry;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests.SocketMode;

/// <summary>What Socket Mode tells the readiness registry and the reconnect counter.</summary>
public sealed class SocketModeReadinessTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private SlackTestHost _host = null!;
    private Task<string> _run = null!;
    private MetricCollector<long> _reconnects = null!;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    public async ValueTask InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _host = SlackTestHost.Create(_slack, [TestCommand.Echo()]);
        _reconnects = new MetricCollector<long>(_host.Services.GetRequiredService<IMeterFactory>(), ResearchBotMeter.Name, "researchbot.socket.reconnects");
        _run = Task.Run(() => _host.Get<SocketModeClient>().RunAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        _reconnects.Dispose();
        await _host.DisposeAsync();
        _stop.Dispose();
        await _slack.DisposeAsync();
    }

    private ReadinessState Slack => _host.Get<ReadinessRegistry>().Snapshot().Single(s => s.Component == "slack");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "condition not reached in time");
    }

    [Fact]
    public async Task Run_HelloThenDropThenHello_ReportsConnectedDisconnectedConnectedAndCountsADroppedReconnect()
    {
        var first = await _slack.NextSocketAsync();
        var beforeHello = Slack;
        await first.HelloAsync();
        await WaitUntilAsync(() => Slack.IsReady);

        first.Drop();
        await WaitUntilAsync(() => !Slack.IsReady);
        var dropped = Slack;
        FakeSocket? second = null;
        await _host.AdvanceUntilAsync(() => _slack.TryTakeSocket(out second), TimeSpan.FromMilliseconds(250));
        await second!.HelloAsync();
        await WaitUntilAsync(() => Slack.IsReady);

        Assert.Equal(new ReadinessState("slack", false, ReadinessRegistry.Starting), beforeHello);
        Assert.Equal("disconnected", dropped.Status);
        Assert.Equal("connected", Slack.Status);
        Assert.Equal(["dropped"], _reconnects.GetMeasurementSnapshot().Select(m => m.Tags["reason"]));
    }

    [Fact]
    public async Task Run_RefreshRequested_CountsAReconnectAndIsReadyAgainAfterHello()
    {
        var first = await _slack.NextSocketAsync();
        await first.HelloAsync();
        await first.SendAsync(Fixture.Read("slack_docs_socketmode_disconnect_refresh_requested.json"));

        var second = await _slack.NextSocketAsync();
        await second.HelloAsync();
        await WaitUntilAsync(() => Slack.IsReady && _reconnects.GetMeasurementSnapshot().Count == 1);

        Assert.Equal("refresh_requested", _reconnects.GetMeasurementSnapshot().Single().Tags["reason"]);
    }
}
