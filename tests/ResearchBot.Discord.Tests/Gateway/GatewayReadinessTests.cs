using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ResearchBot.Core.Telemetry;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Gateway;

/// <summary>What the gateway tells the readiness registry and the reconnect counter.</summary>
public sealed class GatewayReadinessTests
{
    private static bool DiscordReady(TestRig rig) => rig.Readiness.Snapshot().Single(s => s.Component == "discord").IsReady;

    private static string DiscordStatus(TestRig rig) => rig.Readiness.Snapshot().Single(s => s.Component == "discord").Status;

    [Fact]
    public async Task Run_ReadyThenDropThenResumed_ReportsConnectedDisconnectedConnectedAndCountsOneReconnect()
    {
        await using var rig = await TestRig.StartAsync();
        using var reconnects = new MetricCollector<long>(rig.MeterFactory, ResearchBotMeter.Name, "researchbot.gateway.reconnects");
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);
        var socket = await rig.Server.NextSocketAsync();
        await socket.HelloAsync();
        await socket.ExpectAsync(GatewayOpCode.Identify);
        var beforeReady = DiscordReady(rig);

        await socket.ReadyAsync(1, "sess-1", rig.Server.ResumeUrl);
        await TestRig.WaitUntilAsync(() => DiscordReady(rig));
        socket.Drop();
        var resumed = await rig.Server.NextSocketAsync();
        var whileReconnecting = DiscordStatus(rig);
        await resumed.HelloAsync();
        await resumed.ExpectAsync(GatewayOpCode.Resume);
        await resumed.SendAsync("""{"op":0,"s":2,"t":"RESUMED","d":null}""");
        await TestRig.WaitUntilAsync(() => DiscordReady(rig));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(beforeReady);
        Assert.Equal("reconnecting", whileReconnecting);
        var reconnect = Assert.Single(reconnects.GetMeasurementSnapshot());
        Assert.Equal("none", reconnect.Tags["close_code"]);
        Assert.Equal(true, reconnect.Tags["resume"]);
    }

    [Fact]
    public async Task Run_FatalCloseCode_ReportsStoppedAndCountsNoReconnect()
    {
        await using var rig = await TestRig.StartAsync();
        using var reconnects = new MetricCollector<long>(rig.MeterFactory, ResearchBotMeter.Name, "researchbot.gateway.reconnects");
        var run = rig.Gateway.RunAsync(CancellationToken.None);
        var socket = await rig.Server.NextSocketAsync();
        await socket.HelloAsync();
        await socket.ExpectAsync(GatewayOpCode.Identify);
        await socket.CloseAsync(4004);

        Assert.Equal(4004, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(DiscordReady(rig));
        Assert.Equal("stopped (close code 4004)", DiscordStatus(rig));
        Assert.Empty(reconnects.GetMeasurementSnapshot());
    }
}
