using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rest;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Discord.Gateway;

/// <summary>
/// The gateway side of the Discord platform: resolves the shard plan (<c>Discord:ShardCount</c>, a number or
/// <c>auto</c> from <c>GET /gateway/bot</c>; <c>Discord:Shards</c>, this process's ids), then runs one
/// <see cref="GatewayShard"/> per id on one shared <see cref="IdentifyThrottle"/> (max_concurrency buckets and the
/// session-start budget). Reports <c>discord</c> ready while every shard is connected, not ready while any is
/// reconnecting or stopped; a fatal close code on any shard stops them all (a bad token or shard setting is the
/// same for every shard). DMs (events without a guild) arrive on shard 0 only.
/// </summary>
public sealed class GatewayClient(
    IOptions<DiscordOptions> options,
    DiscordApi api,
    GatewayTuning tuning,
    [FromKeyedServices(DiscordServiceCollectionExtensions.ReconnectStrategyKey)] IReconnectStrategy reconnectStrategy,
    IGatewayDispatchHandler dispatchHandler,
    TimeProvider timeProvider,
    ILogger<GatewayClient> logger,
    ReadinessRegistry readiness,
    GatewayMetrics metrics)
{
    private readonly Lock _stateLock = new();
    private readonly Dictionary<int, GatewayShardState> _states = [];
    private volatile IReadOnlyList<GatewayShard> _shards = [];

    /// <summary>The shards this process runs (empty until the plan is resolved).</summary>
    public IReadOnlyList<GatewayShard> Shards => _shards;

    /// <summary>The IDENTIFY pacing shared by this process's shards.</summary>
    public IdentifyThrottle Throttle { get; } = new(timeProvider, tuning, logger);

    /// <summary>Runs until cancelled (returns null) or a fatal close code on any shard (returns it).</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = new List<string>();
        var plan = ShardPlan.TryParse(settings.ShardCount, settings.Shards, errors)
            ?? throw new InvalidOperationException(string.Join(" ", errors)); // the options validator refused this at start-up

        string url;
        int count;
        try
        {
            (url, count) = await ResolveAsync(plan, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var ids = plan.IdsFor(count);
        if (ids.FirstOrDefault(id => id >= count, -1) is var outside && outside >= 0)
        {
            Log.ShardOutOfRange(logger, outside, count, count - 1);
            readiness.Report(InteractionMapper.Platform, false, $"stopped (shard {outside} is not below the shard count {count})");
            return GatewayCloseCodes.InvalidShard;
        }

        Log.GatewayShards(logger, ShardPlan.Describe(ids, count), plan.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ShardPlan.Auto);
        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _shards = [.. ids.Select(id => new GatewayShard(id, count, settings.Token, url, tuning, Throttle, reconnectStrategy, dispatchHandler, timeProvider, logger, metrics, OnShardState))];
        var running = _shards.Select(s => s.RunAsync(stopAll.Token)).ToList();
        int? fatal = null;
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running);
            running.Remove(done);
            if (await done is { } code && fatal is null)
            {
                // A fatal code (bad token, intents, invalid shard) holds for every shard: stop the others too.
                fatal = code;
                await stopAll.CancelAsync();
            }
        }

        return cancellationToken.IsCancellationRequested ? null : fatal;
    }

    /// <summary>The gateway URL and shard count; asks <c>GET /gateway/bot</c> (retrying transient failures) unless both are configured.</summary>
    private async Task<(string Url, int Count)> ResolveAsync(ShardPlan plan, CancellationToken cancellationToken)
    {
        var configuredUrl = options.Value.GatewayUrl;
        if (!string.IsNullOrWhiteSpace(configuredUrl) && plan.Count is { } fixedCount)
        {
            return (configuredUrl, fixedCount);
        }

        var reconnect = new ReconnectPolicy(reconnectStrategy, timeProvider);
        GatewayBotInfo info;
        while (true)
        {
            try
            {
                info = await api.GetGatewayBotAsync(cancellationToken);
                break;
            }
            catch (DiscordApiException ex) when (ex.Status is 0 or 429 or >= 500)
            {
                // Discord or the network is having a moment: retry with back-off. A 401 is final and propagates.
                var delay = reconnect.Next();
                if (ex.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                Log.GatewayReconnecting(logger, -1, $"GET /gateway/bot failed ({ex.Status})", false, delay.TotalMilliseconds);
                await reconnect.WaitAsync(delay, cancellationToken);
            }
        }

        Throttle.Update(info.SessionStartLimit);
        Log.GatewayInfo(logger, info.SessionStartLimit.Remaining, info.SessionStartLimit.Total, Math.Max(1, info.SessionStartLimit.MaxConcurrency), info.Shards);
        var url = string.IsNullOrWhiteSpace(configuredUrl) ? info.Url : configuredUrl;
        return (url, plan.Count ?? Math.Clamp(info.Shards, 1, ShardPlan.MaxShards));
    }

    private void OnShardState(GatewayShard shard, GatewayShardState state)
    {
        bool ready;
        string status;
        lock (_stateLock)
        {
            _states[shard.Id] = state;
            var shards = _shards;
            var connected = shards.Count(s => _states.GetValueOrDefault(s.Id) == GatewayShardState.Connected && s.FatalCode is null);
            ready = shards.Count > 0 && connected == shards.Count;
            if (shards.Count <= 1)
            {
                status = state switch
                {
                    GatewayShardState.Connected => "connected",
                    GatewayShardState.Stopped => $"stopped (close code {shard.FatalCode})",
                    _ => "reconnecting",
                };
            }
            else
            {
                status = state switch
                {
                    GatewayShardState.Stopped => $"stopped (shard {shard.Id}: close code {shard.FatalCode})",
                    _ when ready => $"connected ({shards.Count} shards)",
                    _ => $"{connected} of {shards.Count} shards connected",
                };
            }
        }

        readiness.Report(InteractionMapper.Platform, ready, status);
    }
}
