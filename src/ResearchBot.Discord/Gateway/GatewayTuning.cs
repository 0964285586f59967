namespace ResearchBot.Discord.Gateway;

/// <summary>Timings of the gateway client. Defaults follow the docs; tests shorten them.</summary>
public sealed class GatewayTuning
{
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First reconnect delay; doubles per failure (±250 ms jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Minimum time between two IDENTIFYs (5 s / max_concurrency; we run one shard).</summary>
    public TimeSpan IdentifySpacing { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Random source in [0,1) for heartbeat and back-off jitter.</summary>
    public Func<double> Random { get; set; } = System.Random.Shared.NextDouble;
}
