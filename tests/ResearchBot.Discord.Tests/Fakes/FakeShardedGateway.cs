using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ResearchBot.Discord.Gateway;

namespace ResearchBot.Discord.Tests.Fakes;

/// <summary>
/// Discord's gateway as a sharded bot's processes see it, on top of a <see cref="FakeDiscordServer"/>: every connection
/// is said HELLO, its IDENTIFY's <c>shard</c> array is checked (two integers <c>[shard_id, num_shards]</c>, the id below
/// the count, the count the one this gateway routes by, the shard not already connected; else the connection is closed
/// with 4010 Invalid shard, as Discord does), and it is answered READY. Dispatches of a guild then go only to the shard
/// <c>(guild_id &gt;&gt; 22) % num_shards</c>, and those without a guild (DMs) only to shard 0.
/// </summary>
public sealed class FakeShardedGateway(FakeDiscordServer server, int shardCount)
{
    private readonly ConcurrentDictionary<int, Connection> _shards = new();

    /// <summary>The connections that identified with a valid shard array, by shard id.</summary>
    public IReadOnlyDictionary<int, Connection> Shards => _shards;

    /// <summary>Shard ids of IDENTIFYs refused with 4010, in order (the raw array as sent).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Discord's routing rule for guild events; null (a DM) goes to shard 0.</summary>
    public static int ShardOf(string? guildId, int shardCount) => guildId is null
        ? 0
        : (int)((ulong.Parse(guildId, CultureInfo.InvariantCulture) >> 22) % (ulong)shardCount);

    /// <summary>Accepts the next connection and identifies it; returns the shard id, or null when it was refused (4010).</summary>
    public async Task<int?> AcceptAsync(TimeSpan? timeout = null)
    {
        var socket = await server.NextSocketAsync(timeout);
        await socket.HelloAsync(3_600_000); // one heartbeat an hour: tests on a fake clock never see a zombie link
        var identify = (await socket.ExpectAsync(GatewayOpCode.Identify)).GetProperty("d");
        var shard = identify.TryGetProperty("shard", out var s) ? s : default;
        if (!TryReadShard(shard, out var id, out var count) || count != shardCount || id >= count || !_shards.TryAdd(id, new Connection(socket, id)))
        {
            Refused.Enqueue(shard.ValueKind == JsonValueKind.Undefined ? "(none)" : shard.GetRawText());
            await socket.CloseAsync(GatewayCloseCodes.InvalidShard);
            return null;
        }

        await socket.ReadyAsync(1, "sess-" + id.ToString(CultureInfo.InvariantCulture), server.ResumeUrl);
        return id;
    }

    /// <summary>Sends an INTERACTION_CREATE to the shard that owns its guild (shard 0 for a DM); returns that shard's id.</summary>
    public async Task<int> DispatchInteractionAsync(JsonElement interaction)
    {
        var guild = interaction.TryGetProperty("guild_id", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null;
        var id = ShardOf(guild, shardCount);
        if (!_shards.TryGetValue(id, out var connection))
        {
            throw new InvalidOperationException($"No connection runs shard {id}: Discord would not deliver this event.");
        }

        await connection.SendAsync("INTERACTION_CREATE", interaction.GetRawText());
        return id;
    }

    private static bool TryReadShard(JsonElement shard, out int id, out int count)
    {
        id = count = -1;
        return shard.ValueKind == JsonValueKind.Array && shard.GetArrayLength() == 2
            && shard[0].ValueKind == JsonValueKind.Number && shard[0].TryGetInt32(out id)
            && shard[1].ValueKind == JsonValueKind.Number && shard[1].TryGetInt32(out count)
            && id >= 0 && count >= 1;
    }

    /// <summary>One identified shard connection, with its own dispatch sequence.</summary>
    public sealed class Connection(FakeGatewaySocket socket, int shardId)
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private long _seq = 1; // READY was 1

        public FakeGatewaySocket Socket => socket;
        public int ShardId => shardId;
        public long Sequence => Interlocked.Read(ref _seq);

        public async Task SendAsync(string eventName, string data)
        {
            await _send.WaitAsync();
            try
            {
                var seq = ++_seq;
                await socket.SendAsync("{\"op\":0,\"s\":" + seq.ToString(CultureInfo.InvariantCulture) + ",\"t\":\"" + eventName + "\",\"d\":" + data + "}");
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
