using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.WebApi;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Slack.SocketMode;

/// <summary>
/// Keeps one Socket Mode connection alive (SDOCS <c>apis/events-api/using-socket-mode</c>): a fresh
/// <c>apps.connections.open</c> URL per connection; on <c>warning</c> a replacement is opened before the old link
/// goes; <c>refresh_requested</c> reconnects at once; a dropped socket reconnects after the next delay of the injected
/// <see cref="IReconnectStrategy"/>;
/// <c>link_disabled</c> and auth errors stop Socket Mode. Every envelope is acked by id, re-sends are handled once.
/// Reports <c>slack</c> ready on <c>hello</c> and not ready when a connection ends without a replacement.
/// </summary>
public sealed class SocketModeClient(
    SlackWebApiClient api,
    SlashCommandHandler commands,
    Interactivity.BlockActionHandler interactions,
    Events.SlackEventHandler events,
    ResponseUrlSender responses,
    FollowUpTracker followUps,
    EnvelopeDeduplicator deduplicator,
    [FromKeyedServices(SlackServiceCollectionExtensions.ReconnectStrategyKey)] IReconnectStrategy reconnectStrategy,
    TimeProvider timeProvider,
    ILogger<SocketModeClient> logger,
    ReadinessRegistry readiness,
    SocketModeMetrics metrics)
{
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);

    private readonly ReconnectPolicy _reconnect = new(reconnectStrategy, timeProvider);
    private int _connections;
    private CancellationToken _stopping;

    /// <summary>Runs until cancelled or until Slack says stop; returns why it stopped (e.g. <c>link_disabled</c>).</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        SocketModeConnection? current = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (current is null)
                {
                    try
                    {
                        current = await OpenAsync(cancellationToken);
                    }
                    catch (SlackApiException ex) when (ex.IsFatalAuth)
                    {
                        return ex.Error;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        var delay = _reconnect.Next();
                        Log.SocketConnectFailed(logger, ex is SlackApiException api ? api.Error : ex.GetType().Name, delay.TotalMilliseconds, _reconnect.Failures);
                        metrics.Reconnect(SocketModeMetrics.ConnectFailed);
                        await _reconnect.WaitAsync(delay, cancellationToken);
                        continue;
                    }
                }

                if (!current.WarningHandled && await Task.WhenAny(current.Completion, current.Warned).WaitAsync(cancellationToken) != current.Completion)
                {
                    // disconnect/warning: bring up the replacement now so no command falls into a gap.
                    current.WarningHandled = true;
                    metrics.Reconnect(SocketModeMetrics.Warning);
                    try
                    {
                        var next = await OpenAsync(cancellationToken);
                        await current.CloseAsync();
                        await current.DisposeAsync();
                        current = next;
                    }
                    catch (SlackApiException ex) when (ex.IsFatalAuth)
                    {
                        return ex.Error;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        Log.SocketConnectFailed(logger, ex is SlackApiException api ? api.Error : ex.GetType().Name, 0, _reconnect.Failures);
                    }

                    continue;
                }

                var end = await current.Completion.WaitAsync(cancellationToken);
                await current.DisposeAsync();
                current = null;
                readiness.Report(SlackPlatform.Name, false, end == SessionEnd.RefreshRequested ? "reconnecting" : end == SessionEnd.Dropped ? "disconnected" : "stopped");
                switch (end)
                {
                    case SessionEnd.RefreshRequested:
                        metrics.Reconnect(SocketModeMetrics.RefreshRequested);
                        continue;
                    case SessionEnd.LinkDisabled:
                        return "link_disabled";
                    case SessionEnd.ClosedByUs:
                        return "stopped";
                    default:
                        var delay = _reconnect.Next();
                        Log.SocketDropped(logger, delay.TotalMilliseconds, _reconnect.Failures);
                        metrics.Reconnect(SocketModeMetrics.Dropped);
                        await _reconnect.WaitAsync(delay, cancellationToken);
                        break;
                }
            }

            return "stopped";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "stopped";
        }
        finally
        {
            if (current is not null)
            {
                await current.CloseAsync();
                await current.DisposeAsync();
            }
        }
    }

    private async Task<SocketModeConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var url = await api.OpenSocketConnectionAsync(cancellationToken);
        var id = Interlocked.Increment(ref _connections);
        var connection = await SocketModeConnection.ConnectAsync(url, OnEnvelopeAsync, logger, id, cancellationToken);
        try
        {
            await Task.WhenAny(connection.Hello, connection.Completion).WaitAsync(HelloTimeout, timeProvider, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        if (connection.Hello.IsCompleted)
        {
            _reconnect.Reset();
            readiness.Report(SlackPlatform.Name, true, "connected");
        }

        return connection;
    }

    private async Task OnEnvelopeAsync(SocketModeConnection connection, JsonElement envelope)
    {
        var envelopeId = envelope.TryGetProperty("envelope_id", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (string.IsNullOrEmpty(envelopeId))
        {
            Log.FrameSkipped(logger, connection.Id, "envelope without envelope_id");
            return;
        }

        var type = envelope.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
        var acceptsPayload = envelope.TryGetProperty("accepts_response_payload", out var a) && a.ValueKind == JsonValueKind.True;
        SlackResponseBody? ackPayload = null;
        string? responseUrl = null;
        try
        {
            var trigger = type == "slash_commands" && payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("trigger_id", out var tr) && tr.ValueKind == JsonValueKind.String
                ? "trigger:" + tr.GetString()
                : null;
            if (!deduplicator.TryBegin("envelope:" + envelopeId, trigger))
            {
                Log.EnvelopeDuplicate(logger, envelopeId, connection.Id);
                return; // acked again below, handled once
            }

            if (type == "interactive")
            {
                // Acked below at once; the click's answer goes to its response_url.
                interactions.Handle(payload, _stopping);
                return;
            }

            if (type == "events_api")
            {
                // Acked below at once; the event's work (an unfurl) follows. A retried event has a new envelope id but
                // the same event_id, which the handler deduplicates.
                var retry = envelope.TryGetProperty("retry_attempt", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n) ? n : (int?)null;
                var reason = envelope.TryGetProperty("retry_reason", out var rr) && rr.ValueKind == JsonValueKind.String ? rr.GetString() : null;
                events.Handle(payload, retry, reason, _stopping);
                return;
            }

            if (type != "slash_commands")
            {
                Log.EnvelopeSkipped(logger, type ?? "(none)", envelopeId);
                return;
            }

            var command = SlashCommandPayload.FromJson(payload);
            if (command is null)
            {
                Log.PayloadSkipped(logger, "slash_commands envelope without command/user_id/team_id/channel_id");
                return;
            }

            responseUrl = command.ResponseUrl;
            var answer = await commands.HandleAsync(command, _stopping);
            if (answer is not null && acceptsPayload)
            {
                ackPayload = answer;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.EnvelopeFailed(logger, ex, envelopeId);
        }
        finally
        {
            if (!await AckAsync(connection, envelopeId, ackPayload) && ackPayload is not null && responseUrl is not null)
            {
                // The answer rode on a lost ack and the re-send will be deduplicated: deliver it through response_url.
                followUps.Track(SendLostAnswerAsync(responseUrl, ackPayload, envelopeId));
            }
        }
    }

    private async Task SendLostAnswerAsync(string responseUrl, SlackResponseBody body, string envelopeId)
    {
        try
        {
            await responses.PostAsync(responseUrl, body, _stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.FollowUpFailed(logger, "response_url", ex.Message, envelopeId);
        }
    }

    private async Task<bool> AckAsync(SocketModeConnection connection, string envelopeId, SlackResponseBody? payload)
    {
        var ack = payload is null
            ? JsonSerializer.Serialize(new { envelope_id = envelopeId })
            : JsonSerializer.Serialize(new { envelope_id = envelopeId, payload }, SlackJson.Options);
        try
        {
            await connection.SendAsync(ack, CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Slack re-sends an unacked envelope; the deduplicator makes sure it is answered once.
            Log.AckFailed(logger, envelopeId, connection.Id, ex.GetType().Name);
            return false;
        }
    }
}
