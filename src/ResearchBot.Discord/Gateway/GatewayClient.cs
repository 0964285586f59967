using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rest;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Discord.Gateway;

/// <summary>
/// Keeps one gateway session alive: HELLO, heartbeats, IDENTIFY or RESUME, reconnects after the delays of the
/// injected <see cref="IReconnectStrategy"/>, and stops for good on the fatal close codes. Interactions are handed
/// to <see cref="IGatewayDispatchHandler"/>. Reports <c>discord</c> ready on READY/RESUMED and not ready when the
/// connection ends; counts reconnects.
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
    private readonly ReconnectPolicy _reconnect = new(reconnectStrategy, timeProvider);
    private readonly IdentifyBudget _budget = new(timeProvider, tuning);

    public GatewaySession Session { get; } = new();

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
        var baseUrl = await ResolveGatewayUrlAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var resume = Session.CanResume;
            var url = resume ? Session.ResumeUrl! : baseUrl;
            if (!resume)
            {
                var wait = _budget.WaitTime();
                if (wait > TimeSpan.Zero)
                {
                    Log.IdentifyWaiting(logger, wait.TotalSeconds, _budget.Remaining);
                    await Task.Delay(wait, timeProvider, cancellationToken);
                }
            }

            var (action, code, established) = await RunConnectionAsync(WithQuery(url), resume, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            readiness.Report(InteractionMapper.Platform, false, action == GatewayCloseAction.Fatal ? $"stopped (close code {code})" : "reconnecting");

            if (action == GatewayCloseAction.Fatal)
            {
                Log.GatewayFatal(logger, code ?? 0, GatewayCloseCodes.Describe(code));
                return code;
            }

            if (action == GatewayCloseAction.Identify)
            {
                Session.Clear();
            }

            if (established)
            {
                _reconnect.Reset();
            }

            var delay = _reconnect.Next();
            Log.GatewayReconnecting(logger, GatewayCloseCodes.Describe(code), action == GatewayCloseAction.Resume && Session.CanResume, delay.TotalMilliseconds);
            metrics.Reconnect(code, action == GatewayCloseAction.Resume && Session.CanResume);
            await _reconnect.WaitAsync(delay, cancellationToken);
        }

        return null;
    }

    private async Task<string> ResolveGatewayUrlAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.GatewayUrl))
        {
            return options.Value.GatewayUrl!;
        }

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
                var delay = _reconnect.Next();
                if (ex.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                Log.GatewayReconnecting(logger, $"GET /gateway/bot failed ({ex.Status})", false, delay.TotalMilliseconds);
                await _reconnect.WaitAsync(delay, cancellationToken);
            }
        }

        _reconnect.Reset();
        _budget.Update(info.SessionStartLimit);
        Log.GatewayInfo(logger, info.SessionStartLimit.Remaining, info.SessionStartLimit.Total);
        return info.Url;
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
                Log.GatewayResuming(logger, Session.Sequence ?? 0);
                await connection.SendAsync(GatewayPayloads.Resume(options.Value.Token, Session), cancellationToken);
            }
            else
            {
                _budget.Consume();
                await connection.SendAsync(GatewayPayloads.Identify(options.Value.Token), cancellationToken);
            }

            var heartbeater = new Heartbeater(timeProvider, tuning.Random);
            heartbeatTask = heartbeater.RunAsync(interval, ct => connection.SendAsync(GatewayPayloads.Heartbeat(Session.Sequence), ct), connectionCts.Token);
            while (true)
            {
                var receive = connection.ReceiveAsync(connectionCts.Token);
                if (await Task.WhenAny(receive, heartbeatTask) == heartbeatTask && !receive.IsCompleted)
                {
                    await heartbeatTask;
                    Log.GatewayZombie(logger, interval.TotalMilliseconds);
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
                        Log.GatewayReconnectRequested(logger);
                        await connection.CloseAsync(GatewayCloseCodes.ResumeIntent, cancellationToken);
                        return (GatewayCloseAction.Resume, null, established);
                    case GatewayOpCode.InvalidSession:
                        var resumable = frame.D.ValueKind == JsonValueKind.True;
                        Log.GatewayInvalidSession(logger, resumable);
                        await connection.CloseAsync(GatewayCloseCodes.ResumeIntent, cancellationToken);
                        return (resumable ? GatewayCloseAction.Resume : GatewayCloseAction.Identify, null, established);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is System.Net.WebSockets.WebSocketException or OperationCanceledException or HttpRequestException or IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Log.GatewayDropped(logger, ex.GetType().Name, ex.Message);
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
                Log.GatewayReady(logger, Session.SessionId ?? "?");
                readiness.Report(InteractionMapper.Platform, true, "connected");
                return true;
            case "RESUMED":
                Log.GatewayResumed(logger, Session.Sequence ?? 0);
                readiness.Report(InteractionMapper.Platform, true, "connected");
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
