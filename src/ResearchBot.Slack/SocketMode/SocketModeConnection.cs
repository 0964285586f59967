using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ResearchBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads frames, reports <c>hello</c> and <c>disconnect</c>, hands envelopes to a callback
/// on their own task (so a slow envelope never delays another's ack), and serialises sends.
/// </summary>
internal sealed class SocketModeConnection : IAsyncDisposable
{
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly Func<SocketModeConnection, JsonElement, Task> _onEnvelope;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _warned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closedByUs;

    private SocketModeConnection(ClientWebSocket socket, Func<SocketModeConnection, JsonElement, Task> onEnvelope, ILogger logger, int id)
    {
        _socket = socket;
        _onEnvelope = onEnvelope;
        _logger = logger;
        Id = id;
        Completion = Task.Run(ReceiveLoopAsync);
    }

    public int Id { get; }

    public Task Hello => _hello.Task;

    /// <summary>Completes when Slack sends <c>disconnect</c>/<c>warning</c>: a refresh follows in about 10 s.</summary>
    public Task Warned => _warned.Task;

    /// <summary>Set once the warning has been acted on.</summary>
    public bool WarningHandled { get; set; }

    public Task<SessionEnd> Completion { get; }

    public static async Task<SocketModeConnection> ConnectAsync(Uri url, Func<SocketModeConnection, JsonElement, Task> onEnvelope, ILogger logger, int id, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        // Ping Slack and abort the socket when no pong comes back, so a dead link is noticed (protocols.md §2.2).
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SocketModeConnection(socket, onEnvelope, logger, id);
    }

    public async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes normally (1000) and waits for the receive loop to finish.</summary>
    public async Task CloseAsync()
    {
        Interlocked.Exchange(ref _closedByUs, 1);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }

            await Completion.WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            await _stop.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await Completion.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task<SessionEnd> ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8192), _stop.Token);
                    buffer.Advance(result.Count);
                    if (buffer.WrittenCount > MaxMessageBytes)
                    {
                        Log.FrameSkipped(_logger, Id, "message larger than 1 MiB");
                        return SessionEnd.Dropped;
                    }
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return Volatile.Read(ref _closedByUs) == 1 ? SessionEnd.ClosedByUs : SessionEnd.Dropped;
                }

                if (result.MessageType != WebSocketMessageType.Text)
                {
                    continue;
                }

                if (Handle(buffer.WrittenMemory) is { } end)
                {
                    return end;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            return Volatile.Read(ref _closedByUs) == 1 ? SessionEnd.ClosedByUs : SessionEnd.Dropped;
        }
    }

    private SessionEnd? Handle(ReadOnlyMemory<byte> frame)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            Log.FrameSkipped(_logger, Id, "not JSON");
            return null;
        }

        var root = doc.RootElement;
        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("envelope_id", out _))
        {
            var copy = root.Clone();
            doc.Dispose();
            _ = Task.Run(() => _onEnvelope(this, copy));
            return null;
        }

        using (doc)
        {
            switch (type)
            {
                case "hello":
                    var count = root.TryGetProperty("num_connections", out var n) && n.TryGetInt32(out var c) ? c : 0;
                    Log.SocketHello(_logger, Id, count);
                    _hello.TrySetResult();
                    return null;
                case "disconnect":
                    var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    switch (reason)
                    {
                        case "warning":
                            Log.SocketDisconnectWarning(_logger, Id);
                            _warned.TrySetResult();
                            return null;
                        case "refresh_requested":
                            Log.SocketRefreshRequested(_logger, Id);
                            return SessionEnd.RefreshRequested;
                        case "link_disabled":
                            return SessionEnd.LinkDisabled;
                        default:
                            Log.SocketUnknownDisconnect(_logger, Id, reason ?? "(none)");
                            return SessionEnd.Dropped;
                    }

                default:
                    Log.FrameSkipped(_logger, Id, "unknown frame type " + (type ?? "(none)"));
                    return null;
            }
        }
    }
}
