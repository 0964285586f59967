using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ResearchBot.Discord.Tests.Fakes;

/// <summary>The server side of one gateway connection, driven step by step by a test.</summary>
public sealed class FakeGatewaySocket(WebSocket socket, string path)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Path => path;
    public Task Done => _done.Task;

    /// <summary>The close code the client sent, once <see cref="ReceiveAsync"/> returned null.</summary>
    public int? ClientCloseCode { get; private set; }

    public async Task SendAsync(string json)
    {
        using var cts = new CancellationTokenSource(StepTimeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cts.Token);
    }

    public Task HelloAsync(int intervalMs = 45000) => SendAsync("{\"op\":10,\"d\":{\"heartbeat_interval\":" + intervalMs + "},\"s\":null,\"t\":null}");

    public Task ReadyAsync(long seq, string sessionId, string resumeUrl) =>
        SendAsync("{\"op\":0,\"s\":" + seq + ",\"t\":\"READY\",\"d\":{\"v\":10,\"session_id\":\"" + sessionId + "\",\"resume_gateway_url\":\"" + resumeUrl + "\",\"user\":{\"id\":\"1\",\"username\":\"bot\"},\"guilds\":[],\"application\":{\"id\":\"42\",\"flags\":0}}}");

    public Task AckAsync() => SendAsync("""{"op":11,"d":null}""");

    /// <summary>The next frame from the client, or null when it closed (see <see cref="ClientCloseCode"/>).</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(StepTimeout);
        var buffer = new byte[16384];
        using var ms = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientCloseCode = (int?)result.CloseStatus;
                return null;
            }

            ms.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var doc = JsonDocument.Parse(ms.ToArray());
                return doc.RootElement.Clone();
            }
        }
    }

    /// <summary>The next frame with <paramref name="op"/>, skipping heartbeats (op 1) unless asked for them.</summary>
    public async Task<JsonElement> ExpectAsync(int op)
    {
        while (true)
        {
            var frame = await ReceiveAsync() ?? throw new InvalidOperationException($"Client closed ({ClientCloseCode}) while op {op} was expected.");
            var got = frame.GetProperty("op").GetInt32();
            if (got == op)
            {
                return frame;
            }

            if (got != 1)
            {
                throw new InvalidOperationException($"Expected op {op}, got {frame}");
            }
        }
    }

    /// <summary>Waits for the client's close frame, skipping heartbeats; returns its code.</summary>
    public async Task<int?> ExpectCloseAsync()
    {
        while (await ReceiveAsync() is { } frame)
        {
            if (frame.GetProperty("op").GetInt32() != 1)
            {
                throw new InvalidOperationException($"Expected a close, got {frame}");
            }
        }

        return ClientCloseCode;
    }

    public async Task CloseAsync(int code)
    {
        using var cts = new CancellationTokenSource(StepTimeout);
        await socket.CloseOutputAsync((WebSocketCloseStatus)code, "test", cts.Token);
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Drop()
    {
        socket.Abort();
        _done.TrySetResult();
    }

    public void Release() => _done.TrySetResult();
}
