using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ResearchBot.Slack.Tests.Support;

/// <summary>The server side of one Socket Mode connection: send frames, read the client's frames (acks), drop it.</summary>
internal sealed class FakeSocket(WebSocket socket, string ticket)
{
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public string Ticket { get; } = ticket;

    /// <summary>Completes when the client closed the socket (or it failed).</summary>
    public Task Closed => _closed.Task;

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public async Task SendAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task HelloAsync() => SendAsync("""{"type":"hello","num_connections":1,"debug_info":{"host":"fake"},"connection_info":{"app_id":"A0FAKE"}}""");

    public Task DisconnectAsync(string reason) => SendAsync($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"fake"}}""");

    /// <summary>The next frame the client sent, as JSON.</summary>
    public async Task<JsonNode> ReceiveAsync() =>
        JsonNode.Parse(await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)))!;

    public bool TryReceive(out JsonNode? frame)
    {
        frame = _received.Reader.TryRead(out var text) ? JsonNode.Parse(text) : null;
        return frame is not null;
    }

    /// <summary>Drops the TCP connection without a close handshake.</summary>
    public void Drop()
    {
        _abort.Cancel();
        socket.Abort();
    }

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, _abort.Token);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }

                await _received.Writer.WriteAsync(Encoding.UTF8.GetString(message.ToArray()));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
