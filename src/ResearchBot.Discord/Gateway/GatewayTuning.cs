namespace ResearchBot.Discord.Gateway;

/// <summary>Timings of the gateway client. Defaults follow the docs; tests shorten them.</summary>
public sealed class GatewayTuning
{
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Ceiling of the first reconnect delay; doubles per failure up to <see cref="ReconnectMaxDelay"/> (the transport ring's equal jitter).</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Minimum time between two IDENTIFYs (5 s / max_concurrency; we run one shard).</summary>
    public TimeSpan IdentifySpacing { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Random source in [0,1) for heartbeat and reconnect jitter.</summary>
    public Func<double> Random { get; set; } = System.Random.Shared.NextDouble;
}
