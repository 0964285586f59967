namespace ResearchBot.Discord.Rest;

/// <summary>The answer of <c>GET /gateway/bot</c>.</summary>
public sealed record GatewayBotInfo(string Url, int Shards, SessionStartLimit SessionStartLimit);

/// <summary>The IDENTIFY budget: <see cref="Remaining"/> of <see cref="Total"/> until <see cref="ResetAfter"/> ms pass.</summary>
public sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);
