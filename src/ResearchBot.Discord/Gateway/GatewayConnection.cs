using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchBot.Discord.Gateway;

/// <summary>One WebSocket to the gateway: serialised sends, whole-message receives, close with a chosen code.</summary>
public sealed class GatewayConnection : IAsyncDisposable
{
    private const int MaxFrameBytes = 4096;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>The close code the server sent, once <see cref="ReceiveAsync"/> returned null.</summary>
    public int? CloseCode { get; private set; }

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => _socket.ConnectAsync(uri, cancellationToken);

    public async Task SendAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
        if (bytes.Length > MaxFrameBytes)
        {
            // Discord closes the socket with 4002 above 4096 bytes; refuse before sending.
            throw new InvalidOperationException($"Gateway payload of {bytes.Length} bytes exceeds {MaxFrameBytes}.");
        }

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

    /// <summary>The next payload; null when the server closed (see <see cref="CloseCode"/>). Unparseable frames are skipped.</summary>
    public async Task<GatewayFrame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                var memory = buffer.GetMemory(8192);
                result = await _socket.ReceiveAsync(memory, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseCode = (int?)_socket.CloseStatus;
                    return null;
                }

                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Text && GatewayFrame.Parse(buffer.WrittenSpan) is { } frame)
            {
                return frame;
            }
        }
    }

    /// <summary>Sends a close frame with <paramref name="code"/> without waiting for the server's answer.</summary>
    public async Task CloseAsync(int code, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _sendLock.WaitAsync(cancellationToken);
                try
                {
                    await _socket.CloseOutputAsync((WebSocketCloseStatus)code, "ResearchBot reconnecting", cancellationToken);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The socket is already gone; nothing left to close.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
