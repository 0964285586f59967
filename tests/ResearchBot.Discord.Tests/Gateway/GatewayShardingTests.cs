using System.Text.Json;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Gateway;

/// <summary>Several shards in one process (protocols-interactive.md §1.6), on the fake gateway and a fake clock.</summary>
public sealed class GatewayShardingTests
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);

    private static string GatewayBot(TestRig rig, int shards, int maxConcurrency, int remaining = 999, long resetAfterMs = 14_400_000) =>
        "{\"url\":\"" + rig.Server.GatewayUrl + "\",\"shards\":" + shards + ",\"session_start_limit\":{\"total\":1000,\"remaining\":" + remaining
        + ",\"reset_after\":" + resetAfterMs + ",\"max_concurrency\":" + maxConcurrency + "}}";

    private static async Task<TestRig> StartAsync(string shardCount, string shards, int recommended, int maxConcurrency, int remaining = 999, long resetAfterMs = 14_400_000)
    {
        var rig = await TestRig.StartAsync(o =>
        {
            o.ShardCount = shardCount;
            o.Shards = shards;
        });
        rig.Tuning.IdentifySpacing = Spacing;
        var body = GatewayBot(rig, recommended, maxConcurrency, remaining, resetAfterMs);
        rig.Server.Responder = r => r.Path.EndsWith("/gateway/bot", StringComparison.Ordinal) ? new FakeResponse(200, body) : FakeResponse.NoContent;
        return rig;
    }

    /// <summary>Accepts the next connection, says HELLO and returns it with the shard array of its IDENTIFY.</summary>
    private static async Task<(FakeGatewaySocket Socket, int Id, int Count)> IdentifiedAsync(TestRig rig, TimeSpan? timeout = null)
    {
        var socket = await rig.Server.NextSocketAsync(timeout);
        await socket.HelloAsync(3_600_000); // one heartbeat an hour: the fake clock's jumps never make a zombie
        var shard = (await socket.ExpectAsync(GatewayOpCode.Identify)).GetProperty("d").GetProperty("shard");
        Assert.Equal(JsonValueKind.Array, shard.ValueKind);
        return (socket, shard[0].GetInt32(), shard[1].GetInt32());
    }

    /// <summary>
    /// Moves the fake clock a turn at a time until the next shard identifies. One advance is not enough when it lands
    /// between the shard computing its wait and setting its timer (the timer then counts from the advanced time); a
    /// failed CI run showed that window under load.
    /// </summary>
    private static async Task<(FakeGatewaySocket Socket, int Id, int Count)> AdvanceUntilIdentifiedAsync(TestRig rig)
    {
        var next = IdentifiedAsync(rig, TimeSpan.FromSeconds(10));
        do
        {
            rig.Time.Advance(Spacing);
        }
        while (await Task.WhenAny(next, Task.Delay(250, TestContext.Current.CancellationToken)) != next);

        return await next;
    }

    private static async Task StopAsync(TestRig rig, Task<int?> run, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        Assert.Null(await run.WaitAsync(TimeSpan.FromSeconds(10)));
        await rig.DisposeAsync();
    }

    [Fact]
    public async Task Run_FourShardsOneBucketEach_IdentifiesEachWithItsShardIdAndCountAtOnce()
    {
        var rig = await StartAsync("4", "", recommended: 1, maxConcurrency: 4);
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);

        var seen = new List<(int Id, int Count)>();
        for (var i = 0; i < 4; i++)
        {
            var (_, id, count) = await IdentifiedAsync(rig);
            seen.Add((id, count));
        }

        Assert.Equal([(0, 4), (1, 4), (2, 4), (3, 4)], seen.Order());
        Assert.Equal([0, 1, 2, 3], rig.Gateway.Shards.Select(s => s.Id));
        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_MaxConcurrencyTwo_StartsTwoShardsPerFiveSecondsBucketByBucket()
    {
        var rig = await StartAsync("4", "0-3", recommended: 4, maxConcurrency: 2);
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);
        var t0 = rig.Time.GetUtcNow();

        var first = new[] { (await IdentifiedAsync(rig)).Id, (await IdentifiedAsync(rig)).Id }.Order().ToArray();
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(300)), "a third shard identified within the same 5 s");

        rig.Time.Advance(Spacing - TimeSpan.FromMilliseconds(1));
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)), "a bucket identified twice within 5 s");

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        var second = new[] { (await IdentifiedAsync(rig)).Id, (await IdentifiedAsync(rig)).Id }.Order().ToArray();

        // Buckets are shard_id % max_concurrency: 0 and 1 go first, 2 and 3 (buckets 0 and 1 again) 5 s later.
        Assert.Equal([0, 1], first);
        Assert.Equal([2, 3], second);
        Assert.Equal(Spacing, rig.Time.GetUtcNow() - t0);
        Assert.Contains(rig.GatewayLog.Entries, e => e.Id.Name == "IdentifyWaiting");
        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_ShardCountAuto_TakesTheRecommendedCountFromGatewayBot()
    {
        var rig = await StartAsync(ShardPlan.Auto, "", recommended: 3, maxConcurrency: 16);
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);

        var seen = new List<(int Id, int Count)>();
        for (var i = 0; i < 3; i++)
        {
            var (_, id, count) = await IdentifiedAsync(rig);
            seen.Add((id, count));
        }

        Assert.Equal([(0, 3), (1, 3), (2, 3)], seen.Order());
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal("/api/v10/gateway/bot", Assert.Single(rig.Server.Requests).Path);
        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_ShardCountAutoAndAShardBeyondIt_StopsWithInvalidShardWithoutConnecting()
    {
        var rig = await StartAsync(ShardPlan.Auto, "2-5", recommended: 3, maxConcurrency: 1);

        var code = await rig.Gateway.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(GatewayCloseCodes.InvalidShard, code);
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Contains(rig.GatewayLog.Entries, e => e.Id.Name == "ShardOutOfRange" && e.Message.Contains("shard 3", StringComparison.Ordinal));
        Assert.StartsWith("stopped", rig.Readiness.Snapshot().Single(s => s.Component == "discord").Status, StringComparison.Ordinal);
        await rig.DisposeAsync();
    }

    [Fact]
    public async Task Run_BudgetSpentAfterOneIdentify_SecondShardWaitsForResetAfterAndSaysSo()
    {
        var rig = await StartAsync("2", "", recommended: 2, maxConcurrency: 2, remaining: 1, resetAfterMs: 60_000);
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);
        var t0 = rig.Time.GetUtcNow();

        var (_, firstId, _) = await IdentifiedAsync(rig);
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(300)));
        rig.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)), "identified before the session-start budget reset");
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var (_, secondId, _) = await IdentifiedAsync(rig);

        Assert.Equal(0, firstId);
        Assert.Equal(1, secondId);
        Assert.Equal(TimeSpan.FromSeconds(60), rig.Time.GetUtcNow() - t0);
        var spent = Assert.Single(rig.GatewayLog.Entries, e => e.Id.Name == "IdentifyBudgetSpent");
        Assert.Contains("shard 1 waits 60 s", spent.Message, StringComparison.Ordinal);
        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_OneShardDropsAndResumes_OtherShardKeepsItsConnectionAndResumeNeedsNoIdentifyTurn()
    {
        // max_concurrency 1: both shards share one bucket, so shard 1 identifies 5 s after shard 0.
        var rig = await StartAsync("2", "", recommended: 2, maxConcurrency: 1);
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);
        var a = await IdentifiedAsync(rig);
        var b = await AdvanceUntilIdentifiedAsync(rig);
        var (zero, one) = a.Id == 0 ? (a.Socket, b.Socket) : (b.Socket, a.Socket);
        await zero.ReadyAsync(1, "sess-0", rig.Server.ResumeUrl);
        await one.ReadyAsync(1, "sess-1", rig.Server.ResumeUrl);
        await TestRig.WaitUntilAsync(() => rig.Gateway.Shards.All(s => s.Session.CanResume));
        await TestRig.WaitUntilAsync(() => rig.Readiness.Snapshot().Single(s => s.Component == "discord").IsReady);

        one.Drop();
        var resumed = await rig.Server.NextSocketAsync(); // no clock advance: a RESUME waits for no bucket
        await resumed.HelloAsync();
        var resume = (await resumed.ExpectAsync(GatewayOpCode.Resume)).GetProperty("d");
        Assert.Equal("sess-1", resume.GetProperty("session_id").GetString());
        Assert.False(rig.Readiness.Snapshot().Single(s => s.Component == "discord").IsReady);
        await resumed.SendAsync("""{"op":0,"s":2,"t":"RESUMED","d":null}""");

        // Shard 0's connection was never touched: it still carries events and is the same session.
        await zero.SendAsync("""{"op":0,"s":5,"t":"GUILD_CREATE","d":{}}""");
        await TestRig.WaitUntilAsync(() => rig.Gateway.Shards[0].Session.Sequence == 5);
        Assert.Equal("sess-0", rig.Gateway.Shards[0].Session.SessionId);
        Assert.Null(zero.ClientCloseCode);
        await TestRig.WaitUntilAsync(() => rig.Readiness.Snapshot().Single(s => s.Component == "discord").IsReady);
        Assert.Equal("connected (2 shards)", rig.Readiness.Snapshot().Single(s => s.Component == "discord").Status);
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)));
        await StopAsync(rig, run, stop);
    }

    [Fact]
    public async Task Run_FatalCloseOnOneShard_StopsEveryShard()
    {
        var rig = await StartAsync("2", "", recommended: 2, maxConcurrency: 2);
        var run = rig.Gateway.RunAsync(CancellationToken.None);
        var a = await IdentifiedAsync(rig);
        var b = await IdentifiedAsync(rig);

        await a.Socket.CloseAsync(4004);

        Assert.Equal(4004, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, rig.Gateway.Shards.Count);
        Assert.NotNull(b.Socket);
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)));
        await rig.DisposeAsync();
    }

    [Fact]
    public async Task Run_ProcessRunsOnlyItsShards_IdentifiesThoseAndNoOthers()
    {
        var rig = await StartAsync("8", "1,6", recommended: 1, maxConcurrency: 16);
        using var stop = new CancellationTokenSource();
        var run = rig.Gateway.RunAsync(stop.Token);

        var seen = new[] { await IdentifiedAsync(rig), await IdentifiedAsync(rig) }.Select(s => (s.Id, s.Count)).Order().ToArray();

        Assert.Equal([(1, 8), (6, 8)], seen);
        Assert.True(await rig.Server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(200)));
        await StopAsync(rig, run, stop);
    }
}

/// <summary><c>Discord:ShardCount</c> and <c>Discord:Shards</c> as the options validator reads them.</summary>
public sealed class ShardPlanTests
{
    [Theory]
    [InlineData("1", "", 1, new[] { 0 })]
    [InlineData("4", "0-3", 4, new[] { 0, 1, 2, 3 })]
    [InlineData("8", "0,2", 8, new[] { 0, 2 })]
    [InlineData("8", " 6 , 1-2 ", 8, new[] { 1, 2, 6 })]
    [InlineData("AUTO", "3", 5, new[] { 3 })]
    public void TryParse_ValidSettings_GiveTheCountAndIds(string count, string shards, int resolved, int[] expected)
    {
        var errors = new List<string>();
        var plan = ShardPlan.TryParse(count, shards, errors);

        Assert.Empty(errors);
        Assert.NotNull(plan);
        Assert.Equal(expected, plan.IdsFor(resolved));
    }

    [Fact]
    public void TryParse_Auto_LeavesTheCountToGatewayBot()
    {
        var plan = ShardPlan.TryParse("auto", "", []);
        Assert.NotNull(plan);
        Assert.Null(plan.Count);
        Assert.Equal([0, 1, 2], plan.IdsFor(3));
    }

    [Theory]
    [InlineData("0", "", "Discord:ShardCount")]
    [InlineData("many", "", "Discord:ShardCount")]
    [InlineData("-2", "", "Discord:ShardCount")]
    [InlineData("100000", "", "Discord:ShardCount")]
    [InlineData("4", "0-4", "Discord:Shards lists shard 4")]
    [InlineData("4", "3-1", "Discord:Shards")]
    [InlineData("4", "a", "Discord:Shards")]
    [InlineData("4", "0,,1", "Discord:Shards")]
    [InlineData("4", "1,0-2", "twice")]
    [InlineData("auto", "-1", "Discord:Shards")]
    public void TryParse_BadSettings_NameTheKey(string count, string shards, string expected)
    {
        var errors = new List<string>();
        Assert.Null(ShardPlan.TryParse(count, shards, errors));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_BadShards_FailsStartUpNamingTheKey()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = "abc.def", ApplicationId = "42", ShardCount = "2", Shards = "0-2" });
        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, f => f.Contains("Discord:Shards", StringComparison.Ordinal));
    }
}
