using System.Text.Json.Nodes;

namespace ResearchBot.Discord.Gateway;

/// <summary>The frames ResearchBot sends. Intents 0: INTERACTION_CREATE belongs to no intent.</summary>
public static class GatewayPayloads
{
    /// <summary>IDENTIFY for shard <paramref name="shardId"/> of <paramref name="shardCount"/> (<c>[0, 1]</c> for an unsharded bot).</summary>
    public static JsonObject Identify(string token, int shardId = 0, int shardCount = 1) => new()
    {
        ["op"] = GatewayOpCode.Identify,
        ["d"] = new JsonObject
        {
            ["token"] = token,
            ["intents"] = 0,
            ["shard"] = new JsonArray(shardId, shardCount),
            ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "ResearchBot", ["device"] = "ResearchBot" },
        },
    };

    public static JsonObject Resume(string token, GatewaySession session) => new()
    {
        ["op"] = GatewayOpCode.Resume,
        ["d"] = new JsonObject { ["token"] = token, ["session_id"] = session.SessionId, ["seq"] = session.Sequence ?? 0 },
    };

    public static JsonObject Heartbeat(long? sequence) => new()
    {
        ["op"] = GatewayOpCode.Heartbeat,
        ["d"] = sequence is { } s ? JsonValue.Create(s) : null,
    };
}
