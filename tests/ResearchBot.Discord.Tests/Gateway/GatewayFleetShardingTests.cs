using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Replies;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Gateway;

/// <summary>
/// Two bot processes of one application on one fake Discord (issue 16): each runs one shard of two
/// (<c>Discord:ShardCount</c> 2, <c>Discord:Shards</c> 0 and 1), the fake gateway routes every guild's interactions to
/// shard <c>(guild_id &gt;&gt; 22) % 2</c> and DMs to shard 0, and each process answers only what its shard receives.
/// </summary>
public sealed class GatewayFleetShardingTests
{
    /// <summary>Answers <c>/ping</c> with the name of the process that ran it, so a test sees who answered.</summary>
    private sealed class ProcessNameCommand(string process) : ICommand
    {
        public CommandSpec Spec { get; } = new("ping", "Says which process answered", [new ParameterSpec("word", "Something to echo") { Rest = true, MaxLength = 50 }]) { Quick = true };

        public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CommandResult.Ok(new Reply { Title = "pong", Body = "answered-by-" + process }));
    }

    /// <summary>A slash command interaction (Discord's documented example) with its own id and token, in a guild or a DM.</summary>
    private static JsonElement Interaction(string id, string? guildId)
    {
        var node = JsonNode.Parse(Fixture.Load("discord_docs_slash_command_interaction.json").GetRawText())!.AsObject();
        node["id"] = id;
        node["token"] = "tok-" + id;
        node["data"]!["name"] = "ping";
        node["data"]!["options"] = new JsonArray();
        if (guildId is null)
        {
            // A DM: no guild and no member, the user at the top level.
            var user = node["member"]!["user"]!.DeepClone();
            node.Remove("guild_id");
            node.Remove("member");
            node.Remove("guild_locale");
            node["user"] = user;
            node["context"] = 1;
        }
        else
        {
            node["guild_id"] = guildId;
        }

        using var doc = JsonDocument.Parse(node.ToJsonString());
        return doc.RootElement.Clone();
    }

    private static async Task<(TestRig Rig, Task<int?> Run, CancellationTokenSource Stop)> StartProcessAsync(FakeDiscordServer server, string name, string shardCount, string shards)
    {
        var rig = TestRig.StartOn(server, o =>
        {
            o.ShardCount = shardCount;
            o.Shards = shards;
        }, new ProcessNameCommand(name));
        var stop = new CancellationTokenSource();
        return (rig, rig.Gateway.RunAsync(stop.Token), stop);
    }

    [Theory]
    [InlineData("290926798626357999", 2, 1)]
    [InlineData("41771983423143937", 2, 0)]
    [InlineData("175928847299117063", 3, 2)]
    [InlineData("81384788765712384", 3, 1)]
    [InlineData(null, 4, 0)]
    public void ShardOf_FollowsDiscordsRule(string? guild, int count, int expected) =>
        Assert.Equal(expected, FakeShardedGateway.ShardOf(guild, count));

    [Fact]
    public async Task TwoProcessesOneShardEach_EachAnswersOnlyItsOwnGuildsAndDmsGoToShardZero()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var gateway = new FakeShardedGateway(server, shardCount: 2);
        var a = await StartProcessAsync(server, "A", "2", "0");
        var b = await StartProcessAsync(server, "B", "2", "1");
        try
        {
            var identified = new[] { await gateway.AcceptAsync(), await gateway.AcceptAsync() };
            Assert.Equal([0, 1], identified.Order());
            Assert.Empty(gateway.Refused);
            await TestRig.WaitUntilAsync(() => a.Rig.Gateway.Shards.Count == 1 && b.Rig.Gateway.Shards.Count == 1);
            Assert.Equal(0, Assert.Single(a.Rig.Gateway.Shards).Id);
            Assert.Equal(1, Assert.Single(b.Rig.Gateway.Shards).Id);
            await TestRig.WaitUntilAsync(() => a.Rig.Readiness.Snapshot().Single().IsReady && b.Rig.Readiness.Snapshot().Single().IsReady);

            // 40 guilds with random snowflakes (so both shards get some), plus 4 DMs.
            var random = new Random(16);
            var guilds = Enumerable.Range(0, 40).Select(_ => ((ulong)random.NextInt64(1L << 40, 1L << 62)).ToString(CultureInfo.InvariantCulture)).ToList();
            var sent = new Dictionary<string, (string? Guild, int Shard)>(StringComparer.Ordinal);
            var n = 900_000_000_000_000_000L;
            foreach (var guild in guilds.Cast<string?>().Concat([null, null, null, null]))
            {
                var id = (++n).ToString(CultureInfo.InvariantCulture);
                var shard = await gateway.DispatchInteractionAsync(Interaction(id, guild));
                sent[id] = (guild, shard);
            }

            Assert.Contains(sent.Values, v => v.Guild is not null && v.Shard == 0);
            Assert.Contains(sent.Values, v => v.Shard == 1);

            // Every interaction is answered once, by the process that runs its shard.
            await TestRig.WaitUntilAsync(() => server.Requests.Count(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)) >= sent.Count);
            var callbacks = server.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ToList();
            Assert.Equal(sent.Count, callbacks.Count);
            foreach (var callback in callbacks)
            {
                var id = callback.Path.Split('/')[^3];
                Assert.Equal($"/api/v10/interactions/{id}/tok-{id}/callback", callback.Path);
                var (guild, shard) = sent[id];
                var expected = shard == 0 ? "A" : "B";
                Assert.Equal(guild is null ? 0 : (int)((ulong.Parse(guild, CultureInfo.InvariantCulture) >> 22) % 2), shard);
                Assert.Contains("answered-by-" + expected, callback.Json.GetRawText(), StringComparison.Ordinal);
                Assert.DoesNotContain("answered-by-" + (shard == 0 ? "B" : "A"), callback.Json.GetRawText(), StringComparison.Ordinal);
            }

            Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), callbacks.Select(c => c.Path.Split('/')[^3]).Order(StringComparer.Ordinal));

            // Each process saw exactly its shard's dispatches (READY was sequence 1).
            Assert.Equal(1 + sent.Values.Count(v => v.Shard == 0), gateway.Shards[0].Sequence);
            Assert.Equal(1 + sent.Values.Count(v => v.Shard == 1), gateway.Shards[1].Sequence);
            await TestRig.WaitUntilAsync(() => a.Rig.Gateway.Shards[0].Session.Sequence == gateway.Shards[0].Sequence
                && b.Rig.Gateway.Shards[0].Session.Sequence == gateway.Shards[1].Sequence);
        }
        finally
        {
            foreach (var (rig, run, stop) in new[] { a, b })
            {
                await stop.CancelAsync();
                Assert.Null(await run.WaitAsync(TimeSpan.FromSeconds(10)));
                stop.Dispose();
                await rig.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ProcessWithAnotherShardCount_IsRefusedWithInvalidShardAndStops_TheRightOneKeepsItsShard()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var gateway = new FakeShardedGateway(server, shardCount: 2);
        var good = await StartProcessAsync(server, "A", "2", "0");
        Assert.Equal(0, await gateway.AcceptAsync());
        var bad = await StartProcessAsync(server, "B", "3", "1");
        try
        {
            Assert.Null(await gateway.AcceptAsync());
            Assert.Equal("[1,3]", Assert.Single(gateway.Refused));
            Assert.Equal(GatewayCloseCodes.InvalidShard, await bad.Run.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.StartsWith("stopped", bad.Rig.Readiness.Snapshot().Single().Status, StringComparison.Ordinal);

            // The process with the right count is untouched and still answers its shard.
            Assert.Equal(0, await gateway.DispatchInteractionAsync(Interaction("900000000000000001", null)));
            var callback = await WaitForCallbackAsync(server);
            Assert.Contains("answered-by-A", callback.Json.GetRawText(), StringComparison.Ordinal);
            Assert.False(good.Run.IsCompleted);
        }
        finally
        {
            await good.Stop.CancelAsync();
            Assert.Null(await good.Run.WaitAsync(TimeSpan.FromSeconds(10)));
            foreach (var (rig, _, stop) in new[] { good, bad })
            {
                stop.Dispose();
                await rig.DisposeAsync();
            }
        }
    }

    private static async Task<RecordedRequest> WaitForCallbackAsync(FakeDiscordServer server)
    {
        while (true)
        {
            var request = await server.NextRequestAsync();
            if (request.Path.EndsWith("/callback", StringComparison.Ordinal))
            {
                return request;
            }
        }
    }
}
