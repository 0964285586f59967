using System.Text.Json;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Gateway;

public sealed class GatewayClientTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(45000);

    private static async Task<(TestRig Rig, Task<int?> Run, CancellationTokenSource Stop, FakeGatewaySocket Socket)> ConnectAsync(Action<TestRig>? before = null)
    {
        var rig = await TestRig.StartAsync();
        before?.Invoke(rig);
        var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);
        var socket = await rig.Server.NextSocketAsync();
        await socket.HelloAsync((int)Interval.TotalMilliseconds);
        return (rig, run, stop, socket);
    }

    private static async Task ReadyAsync(TestRig rig, FakeGatewaySocket socket, long seq = 1)
    {
        await socket.ExpectAsync(GatewayOpCode.Identify);
        await socket.ReadyAsync(seq, "sess-1", rig.Server.ResumeUrl);
        await TestRig.WaitUntilAsync(() => rig.Session.CanResume);
    }

    private static async Task StopAsync(TestRig rig, Task<int?> run, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        Assert.Null(await run.WaitAsync(TimeSpan.FromSeconds(10)));
        await rig.DisposeAsync();
    }

    [Fact]
    public async Task Run_NormalSession_IdentifiesHeartbeatsWithLastSeqAndDispatchesInteraction_PerGatewayDocs()
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        Assert.StartsWith("/gateway?v=10&encoding=json", socket.Path, StringComparison.Ordinal);

        var identify = (await socket.ExpectAsync(GatewayOpCode.Identify)).GetProperty("d");
        Assert.Equal(TestRig.Token, identify.GetProperty("token").GetString());
        Assert.Equal(0, identify.GetProperty("intents").GetInt32());
        Assert.Equal("ResearchBot", identify.GetProperty("properties").GetProperty("browser").GetString());

        // Random() = 0: the first beat goes at once, carrying null before any dispatch.
        var first = await socket.ExpectAsync(GatewayOpCode.Heartbeat);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("d").ValueKind);
        await socket.AckAsync();

        await socket.ReadyAsync(1, "sess-1", rig.Server.ResumeUrl);
        var interaction = Fixture.Load("discord_docs_slash_command_interaction.json").GetRawText().Replace("\"cardsearch\"", "\"ping\"", StringComparison.Ordinal);
        await socket.SendAsync("{\"op\":0,\"s\":2,\"t\":\"INTERACTION_CREATE\",\"d\":" + interaction + "}");

        var callback = await rig.Server.NextRequestAsync();
        Assert.Equal("/api/v10/gateway/bot", callback.Path);
        Assert.Equal("Bot " + TestRig.Token, callback.Authorization);
        Assert.StartsWith("DiscordBot (", callback.UserAgent, StringComparison.Ordinal);
        callback = await rig.Server.NextRequestAsync();
        Assert.Equal("POST", callback.Method);
        Assert.EndsWith("/callback", callback.Path, StringComparison.Ordinal);
        Assert.Null(callback.Authorization);
        Assert.Equal(4, callback.Json.GetProperty("type").GetInt32());

        rig.Time.Advance(Interval);
        var second = await socket.ExpectAsync(GatewayOpCode.Heartbeat);
        Assert.Equal(2, second.GetProperty("d").GetInt64());
        await socket.AckAsync();

        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_ConnectionDropped_ResumesOnResumeUrlWithLastSeq()
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        await ReadyAsync(rig, socket, seq: 7);
        socket.Drop();

        var resumed = await rig.Server.NextSocketAsync();
        Assert.StartsWith("/resume?v=10", resumed.Path, StringComparison.Ordinal);
        await resumed.HelloAsync();
        var resume = (await resumed.ExpectAsync(GatewayOpCode.Resume)).GetProperty("d");
        Assert.Equal("sess-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(7, resume.GetProperty("seq").GetInt64());
        Assert.Equal(TestRig.Token, resume.GetProperty("token").GetString());
        await resumed.SendAsync("""{"op":0,"s":8,"t":"RESUMED","d":null}""");
        await TestRig.WaitUntilAsync(() => rig.Session.Sequence == 8);

        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_Op7Reconnect_ClosesWith4200AndResumes()
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        await ReadyAsync(rig, socket, seq: 3);
        await socket.SendAsync("""{"op":7,"d":null}""");

        Assert.Equal(GatewayCloseCodes.ResumeIntent, await socket.ExpectCloseAsync());
        var resumed = await rig.Server.NextSocketAsync();
        await resumed.HelloAsync();
        Assert.Equal(3, (await resumed.ExpectAsync(GatewayOpCode.Resume)).GetProperty("d").GetProperty("seq").GetInt64());

        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_Op9Resumable_ResumesOnResumeUrl()
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        await ReadyAsync(rig, socket, seq: 4);
        await socket.SendAsync("""{"op":9,"d":true}""");

        Assert.NotEqual(1000, await socket.ExpectCloseAsync());
        var resumed = await rig.Server.NextSocketAsync();
        Assert.StartsWith("/resume", resumed.Path, StringComparison.Ordinal);
        await resumed.HelloAsync();
        Assert.Equal(4, (await resumed.ExpectAsync(GatewayOpCode.Resume)).GetProperty("d").GetProperty("seq").GetInt64());

        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_Op9NotResumable_IdentifiesAfreshOnBaseUrl()
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        await ReadyAsync(rig, socket, seq: 4);
        await socket.SendAsync("""{"op":9,"d":false}""");

        await socket.ExpectCloseAsync();
        var fresh = await rig.Server.NextSocketAsync();
        Assert.StartsWith("/gateway", fresh.Path, StringComparison.Ordinal);
        await fresh.HelloAsync();
        await fresh.ExpectAsync(GatewayOpCode.Identify);
        Assert.False(rig.Session.CanResume);

        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_NoHeartbeatAck_DetectsZombieClosesNon1000AndResumes()
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        await ReadyAsync(rig, socket, seq: 5);
        await socket.ExpectAsync(GatewayOpCode.Heartbeat); // first beat; deliberately never acknowledged

        rig.Time.Advance(Interval);

        var code = await socket.ExpectCloseAsync();
        Assert.NotNull(code);
        Assert.NotEqual(1000, code);
        Assert.NotEqual(1001, code);
        var resumed = await rig.Server.NextSocketAsync();
        await resumed.HelloAsync();
        Assert.Equal(5, (await resumed.ExpectAsync(GatewayOpCode.Resume)).GetProperty("d").GetProperty("seq").GetInt64());

        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_AckedHeartbeats_NeverReconnects()
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        await ReadyAsync(rig, socket);
        for (var i = 0; i < 3; i++)
        {
            await socket.ExpectAsync(GatewayOpCode.Heartbeat);
            await socket.AckAsync();

            // Frames are handled in order: once this dispatch's sequence is seen, the ACK before it was too.
            var seq = 10 + i;
            await socket.SendAsync("{\"op\":0,\"s\":" + seq + ",\"t\":\"GUILD_CREATE\",\"d\":{}}");
            await TestRig.WaitUntilAsync(() => rig.Session.Sequence == seq);
            rig.Time.Advance(Interval);
        }

        await socket.ExpectAsync(GatewayOpCode.Heartbeat);
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)));
        await StopAsync(rig, run, stop);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Run_FatalCloseCode_StopsWithoutReconnecting(int code)
    {
        var (rig, run, _, socket) = await ConnectAsync();
        await socket.ExpectAsync(GatewayOpCode.Identify);
        await socket.CloseAsync(code);

        Assert.Equal(code, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)));
        await rig.DisposeAsync();
    }

    [Theory]
    [InlineData(4000, "/resume")]
    [InlineData(4008, "/resume")]
    [InlineData(4007, "/gateway")]
    [InlineData(4009, "/gateway")]
    public async Task Run_NonFatalCloseCode_ReconnectsToTheRightUrl(int code, string expectedPath)
    {
        var (rig, run, stop, socket) = await ConnectAsync();
        await ReadyAsync(rig, socket);
        await socket.CloseAsync(code);

        var next = await rig.Server.NextSocketAsync();
        Assert.StartsWith(expectedPath, next.Path, StringComparison.Ordinal);
        await next.HelloAsync();
        await next.ExpectAsync(expectedPath == "/resume" ? GatewayOpCode.Resume : GatewayOpCode.Identify);
        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_IdentifyBudgetSpent_WaitsForResetBeforeIdentifying()
    {
        var rig = await TestRig.StartAsync();
        rig.Server.Responder = r => new FakeResponse(200, "{\"url\":\"" + rig.Server.GatewayUrl + "\",\"shards\":1,\"session_start_limit\":{\"total\":1000,\"remaining\":0,\"reset_after\":60000,\"max_concurrency\":1}}");
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);

        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(300)));
        // The wait may start after this point on a loaded machine: advance the clock in steps until it connects.
        var started = rig.Time.GetUtcNow();
        FakeGatewaySocket? socket = null;
        for (var i = 0; i < 240 && socket is null; i++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(1));
            try
            {
                socket = await rig.Server.NextSocketAsync(TimeSpan.FromMilliseconds(25));
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.NotNull(socket);
        Assert.True(rig.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(60), "identified before the session-start budget reset");
        await socket.HelloAsync();
        await socket.ExpectAsync(GatewayOpCode.Identify);
        await StopAsync(rig, run, stop);
    }
}
