using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResearchBot.Sources.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (port 0) answering from a script: each request is handed to the
/// handler, which returns a <see cref="Canned"/> response (status, headers, body, or a cut-off body / a hang).
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, Canned> _handler;
    private readonly Task _loop;

    public LoopbackServer(Func<string, Canned> handler)
    {
        _handler = handler;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Path and query of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, false, 4096, leaveOpen: true);
                while (true)
                {
                    var requestLine = await reader.ReadLineAsync(_stop.Token);
                    if (string.IsNullOrEmpty(requestLine))
                    {
                        return;
                    }

                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                    {
                    }

                    var target = requestLine.Split(' ')[1];
                    Requests.Enqueue(target);
                    var canned = _handler(target);
                    if (canned.Hang)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }

                    var body = Encoding.UTF8.GetBytes(canned.Body);
                    var declared = canned.CutAfter is { } cut ? body.Length : body.Length;
                    var head = new StringBuilder($"HTTP/1.1 {canned.Status} X\r\nContent-Type: {canned.ContentType}\r\nContent-Length: {declared}\r\n");
                    foreach (var (k, v) in canned.Headers)
                    {
                        head.Append($"{k}: {v}\r\n");
                    }

                    head.Append("\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                    if (canned.CutAfter is { } n)
                    {
                        await stream.WriteAsync(body.AsMemory(0, Math.Min(n, body.Length)), _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        client.Client.Shutdown(SocketShutdown.Both);
                        return;
                    }

                    await stream.WriteAsync(body, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                }
            }
            catch (Exception)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>A scripted response. <see cref="CutAfter"/> sends only that many body bytes then closes; <see cref="Hang"/> never answers.</summary>
internal sealed record Canned(int Status, string Body, string ContentType = "application/xml")
{
    public IReadOnlyList<(string, string)> Headers { get; init; } = [];
    public int? CutAfter { get; init; }
    public bool Hang { get; init; }

    public static Canned Ok(string body, string contentType = "application/xml") => new(200, body, contentType);
}
