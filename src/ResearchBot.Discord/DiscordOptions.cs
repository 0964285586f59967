namespace ResearchBot.Discord;

/// <summary>Section <c>Discord</c>. Secrets may come from files (<c>/run/secrets/Discord__Token</c>) through the host's configuration.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";
    public const string GatewayMode = "Gateway";
    public const string HttpMode = "Http";

    /// <summary>The bot token (without the <c>Bot </c> prefix). Required.</summary>
    public string Token { get; set; } = "";

    /// <summary>The application (client) id, a snowflake. Required.</summary>
    public string ApplicationId { get; set; } = "";

    /// <summary>The application's Ed25519 public key in hex (64 characters). Required in Http mode.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>Register commands in this guild only (instant; for development). Empty = global.</summary>
    public string? GuildId { get; set; }

    /// <summary><c>Gateway</c> (default) or <c>Http</c>.</summary>
    public string Mode { get; set; } = GatewayMode;

    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Gateway URL; empty = ask <c>GET /gateway/bot</c>.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>
    /// How many gateway shards the bot runs across all its processes: a number (default 1), or <c>auto</c> for the
    /// count <c>GET /gateway/bot</c> recommends. Every process must use the same count.
    /// </summary>
    public string ShardCount { get; set; } = "1";

    /// <summary>The shard ids this process runs, e.g. <c>0-3</c> or <c>0,2</c>; empty runs every shard. Processes take disjoint ids.</summary>
    public string Shards { get; set; } = "";

    /// <summary>Where the interactions endpoint listens in Http mode (path <c>/interactions</c>).</summary>
    public string HttpUrl { get; set; } = "http://0.0.0.0:8080";

    /// <summary>Per-request timeout for REST calls.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many times a request is retried after a 429 before giving up.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>Longest single 429 wait we accept; longer ones fail the request with RetryAfter.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Signed HTTP interactions older or newer than this are refused (optional hardening; docs do not require it).</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A quick command answering within this time is answered directly; otherwise it is deferred (Discord's limit is 3 s).</summary>
    public TimeSpan QuickReplyBudget { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsHttpMode => string.Equals(Mode, HttpMode, StringComparison.OrdinalIgnoreCase);
}
