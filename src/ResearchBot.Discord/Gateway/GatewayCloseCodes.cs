namespace ResearchBot.Discord.Gateway;

/// <summary>What to do after the gateway closes.</summary>
public enum GatewayCloseAction
{
    /// <summary>Reconnect to the resume URL and RESUME.</summary>
    Resume,
    /// <summary>Reconnect to the base URL and IDENTIFY afresh.</summary>
    Identify,
    /// <summary>Stop: reconnecting cannot help (bad token, bad intents, bad version, sharding).</summary>
    Fatal,
}

/// <summary>Discord's gateway close codes and how ResearchBot reacts (protocols.md §1.1).</summary>
public static class GatewayCloseCodes
{
    /// <summary>We close with this (not 1000/1001, which would end the session) when we mean to resume.</summary>
    public const int ResumeIntent = 4200;

    /// <summary>Discord's "invalid shard"; also what we return when <c>Discord:Shards</c> names a shard beyond the count.</summary>
    public const int InvalidShard = 4010;

    public static GatewayCloseAction Classify(int? code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => GatewayCloseAction.Fatal,
        4007 or 4009 => GatewayCloseAction.Identify,
        _ => GatewayCloseAction.Resume,
    };

    public static string Describe(int? code) => code switch
    {
        null => "connection dropped",
        4000 => "unknown error",
        4001 => "unknown opcode",
        4002 => "decode error",
        4003 => "not authenticated",
        4004 => "authentication failed: the bot token is wrong (Discord:Token)",
        4005 => "already authenticated",
        4007 => "invalid sequence on resume",
        4008 => "rate limited",
        4009 => "session timed out",
        4010 => "invalid shard",
        4011 => "sharding required: the bot is in too many guilds for one connection",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: enable them in the Developer Portal or request fewer",
        _ => "close code " + code,
    };
}
