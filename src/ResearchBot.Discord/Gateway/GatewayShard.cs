using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Discord.Gateway;

/// <summary>What a shard tells its <see cref="GatewayClient"/>, which reports the platform's readiness from all of them.</summary>
public enum GatewayShardState
{
    /// <summary>READY or RESUMED arrived.</summary>
    Connected,

    /// <summary>The connection ended and is being replaced.</summary>
    Reconnecting,

    /// <summary>A fatal close code: this shard will not reconnect.</summary>
    Stopped,
}

/// <summary>
/// Keeps one gateway shard's session alive: HELLO, heartbeats, IDENTIFY (with <c>shard: [id, count]</c>, when the
/// shared <see cref="IdentifyThrottle"/> gives it a turn) or RESUME (which needs no turn), reconnects after the delays
/// of the injected <see cref="IReconnectStrategy"/>, and stops for good on the fatal close codes. Interactions are
/// handed to <see cref="IGatewayDispatchHandler"/>. A shard's reconnects never touch the other shards' connections.
/// </summary>
public sealed class GatewayShard(
    int id,
    int count,
    string token,
    string gatewayUrl,
    GatewayTuning tuning,
    IdentifyThrottle throttle,
    IReconnectStrategy reconnectStrategy,
    IGatewayDispatchHandler dispatchHandler,
    TimeProvider timeProvider,
    ILogger logger,
    GatewayMetrics metrics,
    Action<GatewayShard, GatewayShardState> onState)
{
    private readonly ReconnectPolicy _reconnect = new(reconnectStrategy, timeProvider);

    /// <summary>The shard id (0-based).</summary>
    public int Id => id;

    /// <summary>The total number of shards the bot runs (across all processes).</summary>
    public int Count => count;

    /// <summary>What a RESUME of this shard needs.</summary>
    public GatewaySession Session { get; } = new();

    /// <summary>The close code that stopped the shard, once it stopped.</summary>
    public int? FatalCode { get; private set; }

    /// <summary>Runs until cancelled (returns null) or a fatal close code (returns it).</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunLoopAsync(cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or IOException)
        {
            // Stopping: cancelling a receive aborts the socket, which may surface as a WebSocket error.
            return null;
        }
    }

    private async Task<int?> RunLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var resume = Session.CanResume;
            var url = resume ? Session.ResumeUrl! : gatewayUrl;
            if (!resume)
            {
                await throttle.WaitTurnAsync(id, cancellationToken);
            }

            var (action, code, established) = await RunConnectionAsync(WithQuery(url), resume, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (action == GatewayCloseAction.Fatal)
            {
                FatalCode = code;
                onState(this, GatewayShardState.Stopped);
                Log.GatewayFatal(logger, id, code ?? 0, GatewayCloseCodes.Describe(code));
                return code;
            }

            onState(this, GatewayShardState.Reconnecting);
            if (action == GatewayCloseAction.Identify)
            {
                Session.Clear();
            }

            if (established)
            {
                _reconnect.Reset();
            }

            var delay = _reconnect.Next();
            Log.GatewayReconnecting(logger, id, GatewayCloseCodes.Describe(code), action == GatewayCloseAction.Resume && Session.CanResume, delay.TotalMilliseconds);
            metrics.Reconnect(code, action == GatewayCloseAction.Resume && Session.CanResume);
            await _reconnect.WaitAsync(delay, cancellationToken);
        }

        return null;
    }

    private async Task<(GatewayCloseAction Action, int? Code, bool Established)> RunConnectionAsync(Uri uri, bool resume, CancellationToken cancellationToken)
    {
        await using var connection = new GatewayConnection();
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var established = false;
        Task heartbeatTask = Task.CompletedTask;
        try
        {
            await connection.ConnectAsync(uri, cancellationToken);
            GatewayFrame? hello;
            using (var helloTimeout = new CancellationTokenSource(tuning.HelloTimeout, timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, helloTimeout.Token))
            {
                hello = await connection.ReceiveAsync(linked.Token);
            }

            if (hello is null)
            {
                return (GatewayCloseCodes.Classify(connection.CloseCode), connection.CloseCode, false);
            }

            if (hello.Op != GatewayOpCode.Hello)
            {
                // op 7 may arrive before HELLO; anything else is unexpected. Either way, reconnect and resume.
                await connection.CloseAsync(GatewayCloseCodes.ResumeIntent, cancellationToken);
                return (GatewayCloseAction.Resume, null, false);
            }

            var interval = TimeSpan.FromMilliseconds(hello.D.GetProperty("heartbeat_interval").GetDouble());
            if (resume)
            {
                Log.GatewayResuming(logger, Id, Session.Sequence ?? 0);
                await connection.SendAsync(GatewayPayloads.Resume(token, Session), cancellationToken);
            }
            else
            {
                await connection.SendAsync(GatewayPayloads.Identify(token, Id, Count), cancellationToken);
            }

            var heartbeater = new Heartbeater(timeProvider, tuning.Random);
            heartbeatTask = heartbeater.RunAsync(interval, ct => connection.SendAsync(GatewayPayloads.Heartbeat(Session.Sequence), ct), connectionCts.Token);
            while (true)
            {
                var receive = connection.ReceiveAsync(connectionCts.Token);
                if (await Task.WhenAny(receive, heartbeatTask) == heartbeatTask && !receive.IsCompleted)
                {
                    await heartbeatTask;
                    Log.GatewayZombie(logger, Id, interval.TotalMilliseconds);
                    await connection.CloseAsync(GatewayCloseCodes.ResumeIntent, cancellationToken);
                    return (GatewayCloseAction.Resume, null, established);
                }

                var frame = await receive;
                if (frame is null)
                {
                    return (GatewayCloseCodes.Classify(connection.CloseCode), connection.CloseCode, established);
                }

                switch (frame.Op)
                {
                    case GatewayOpCode.Dispatch:
                        Session.Sequence = frame.S ?? Session.Sequence;
                        established |= HandleDispatch(frame, cancellationToken);
                        break;
                    case GatewayOpCode.Heartbeat:
                        await connection.SendAsync(GatewayPayloads.Heartbeat(Session.Sequence), cancellationToken);
                        break;
                    case GatewayOpCode.HeartbeatAck:
                        heartbeater.Acknowledge();
                        break;
                    case GatewayOpCode.Reconnect:
                        Log.GatewayReconnectRequested(logger, Id);
                        await connection.CloseAsync(GatewayCloseCodes.ResumeIntent, cancellationToken);
                        return (GatewayCloseAction.Resume, null, established);
                    case GatewayOpCode.InvalidSession:
                        var resumable = frame.D.ValueKind == JsonValueKind.True;
                        Log.GatewayInvalidSession(logger, Id, resumable);
                        await connection.CloseAsync(GatewayCloseCodes.ResumeIntent, cancellationToken);
                        return (resumable ? GatewayCloseAction.Resume : GatewayCloseAction.Identify, null, established);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is System.Net.WebSockets.WebSocketException or OperationCanceledException or HttpRequestException or IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Log.GatewayDropped(logger, Id, ex.GetType().Name, ex.Message);
            return (GatewayCloseAction.Resume, null, established);
        }
        finally
        {
            await connectionCts.CancelAsync();
            try
            {
                await heartbeatTask;
            }
            catch (OperationCanceledException)
            {
                // Expected: the heartbeat loop ends with the connection.
            }
        }
    }

    private bool HandleDispatch(GatewayFrame frame, CancellationToken cancellationToken)
    {
        switch (frame.T)
        {
            case "READY":
                Session.SessionId = frame.D.GetProperty("session_id").GetString();
                Session.ResumeUrl = frame.D.GetProperty("resume_gateway_url").GetString();
                Log.GatewayReady(logger, Id, Session.SessionId ?? "?");
                onState(this, GatewayShardState.Connected);
                return true;
            case "RESUMED":
                Log.GatewayResumed(logger, Id, Session.Sequence ?? 0);
                onState(this, GatewayShardState.Connected);
                return true;
            case { } name:
                // Off the receive loop: a slow handler must not delay heartbeats or other events.
                _ = Task.Run(() => dispatchHandler.HandleAsync(name, frame.D, cancellationToken), CancellationToken.None);
                return false;
            default:
                return false;
        }
    }

    private static Uri WithQuery(string url)
    {
        var builder = new UriBuilder(url);
        builder.Query = "v=10&encoding=json";
        return builder.Uri;
    }
}
