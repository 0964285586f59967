using ResearchBot.TestKit;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ResearchBot.Discord.Tests.Fakes;

/// <summary>
/// A scripted Discord on 127.0.0.1 (Kestrel, port 0): gateway WebSockets at <c>/gateway</c> and <c>/resume</c>,
/// REST under <c>/api/v10</c>. Every REST request is recorded, stamped with the test's clock, and answered by
/// <see cref="Responder"/>.
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly Channel<FakeGatewaySocket> _sockets = Channel.CreateUnbounded<FakeGatewaySocket>();
    private readonly Channel<RecordedRequest> _requests = Channel.CreateUnbounded<RecordedRequest>();
    private readonly Func<DateTimeOffset> _clock;
    private readonly ConcurrentBag<FakeGatewaySocket> _all = [];

    private FakeDiscordServer(Func<DateTimeOffset> clock)
    {
        _clock = clock;
    }

    public Uri BaseUri { get; private set; } = null!;
    public string ApiBase => new Uri(BaseUri, "api/v10").ToString();
    public string GatewayUrl => $"ws://{BaseUri.Authority}/gateway";
    public string ResumeUrl => $"ws://{BaseUri.Authority}/resume";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers REST requests; defaults to 204, and a sane <c>/gateway/bot</c>.</summary>
    public Func<RecordedRequest, FakeResponse> Responder { get; set; } = _ => FakeResponse.NoContent;

    public static async Task<FakeDiscordServer> StartAsync(Func<DateTimeOffset>? clock = null)
    {
        var server = new FakeDiscordServer(clock ?? (() => DateTimeOffset.UtcNow));
        server.Responder = server.DefaultResponse;
        (server._app, server.BaseUri) = await LoopbackServer.StartAsync(app =>
        {
            app.Map("/gateway", server.AcceptSocketAsync);
            app.Map("/resume", server.AcceptSocketAsync);
            app.Map("/api/v10/{**rest}", server.HandleRestAsync);
        });
        return server;
    }

    public FakeResponse DefaultResponse(RecordedRequest request) => request.Path.EndsWith("/gateway/bot", StringComparison.Ordinal)
        ? new FakeResponse(200, "{\"url\":\"" + GatewayUrl + "\",\"shards\":1,\"session_start_limit\":{\"total\":1000,\"remaining\":999,\"reset_after\":14400000,\"max_concurrency\":1}}")
        : FakeResponse.NoContent;

    public async Task<FakeGatewaySocket> NextSocketAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _sockets.Reader.ReadAsync(cts.Token);
    }

    /// <summary>True when no new connection arrives within <paramref name="window"/> (real time, kept short).</summary>
    public async Task<bool> NoSocketWithinAsync(TimeSpan window)
    {
        try
        {
            await NextSocketAsync(window);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async Task<RecordedRequest> NextRequestAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _requests.Reader.ReadAsync(cts.Token);
    }

    private async Task AcceptSocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var ws = await http.WebSockets.AcceptWebSocketAsync();
        var socket = new FakeGatewaySocket(ws, http.Request.Path + http.Request.QueryString);
        _all.Add(socket);
        await _sockets.Writer.WriteAsync(socket);
        await Task.WhenAny(socket.Done, Task.Delay(TimeSpan.FromSeconds(30)));
    }

    private async Task HandleRestAsync(HttpContext http)
    {
        using var ms = new MemoryStream();
        await http.Request.Body.CopyToAsync(ms);
        var request = new RecordedRequest(http.Request.Method, http.Request.Path.Value!, http.Request.Headers.Authorization, http.Request.Headers.UserAgent, http.Request.ContentType, ms.ToArray(), _clock());
        Requests.Enqueue(request);
        await _requests.Writer.WriteAsync(request);
        var response = Responder(request);
        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        if (response.Json is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(response.Json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _all)
        {
            s.Release();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
