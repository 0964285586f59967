using ResearchBot.TestKit;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ResearchBot.Slack.Tests.Support;

/// <summary>
/// A scripted Slack on 127.0.0.1 (port 0): Web API methods under <c>/api/</c>, Socket Mode WebSockets under
/// <c>/link</c>, and response_url endpoints under <c>/response/</c>. Tests script answers and read what arrived.
/// </summary>
internal sealed class FakeSlack : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripts = new(StringComparer.Ordinal);
    private readonly Channel<FakeSocket> _sockets = Channel.CreateUnbounded<FakeSocket>();
    private readonly Channel<ApiCall> _responsePosts = Channel.CreateUnbounded<ApiCall>();
    private readonly ConcurrentQueue<FakeSocket> _all = new();
    private int _tickets;
    private TaskCompletionSource? _responseGate;

    private FakeSlack()
    {
    }

    public Uri BaseUrl { get; private set; } = null!;

    public string ApiBaseUrl => BaseUrl + "api";

    /// <summary>Every Web API call in arrival order.</summary>
    public ConcurrentQueue<ApiCall> Calls { get; } = new();

    public int CallCount(string method) => Calls.Count(c => c.Method == method);

    public string ResponseUrl(string id) => BaseUrl + "response/" + id;

    public static async Task<FakeSlack> StartAsync()
    {
        var fake = new FakeSlack();
        (fake._app, fake.BaseUrl) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/api/{method}", fake.ApiAsync);
            app.Map("/link", fake.LinkAsync);
            app.MapPost("/response/{id}", fake.ResponseAsync);
            app.MapPost("/upload/{id}", fake.UploadAsync);
        });
        return fake;
    }

    /// <summary>Queues one scripted answer for the next call of <paramref name="method"/>; unscripted calls get a default.</summary>
    public void Script(string method, Func<HttpContext, Task> answer) =>
        _scripts.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(answer);

    public void ScriptJson(string method, string json, HttpStatusCode status = HttpStatusCode.OK, string? retryAfter = null) =>
        Script(method, async http =>
        {
            http.Response.StatusCode = (int)status;
            if (retryAfter is not null)
            {
                http.Response.Headers.RetryAfter = retryAfter;
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(json);
        });

    public async Task<FakeSocket> NextSocketAsync() =>
        await _sockets.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public bool TryTakeSocket(out FakeSocket? socket) => _sockets.Reader.TryRead(out socket);

    public async Task<ApiCall> NextResponsePostAsync() =>
        await _responsePosts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public bool HasResponsePost => _responsePosts.Reader.Count > 0;

    /// <summary>
    /// From now on response_url posts are recorded but not answered until <see cref="AnswerResponses"/> (or the client
    /// gives up): a Slack that is slow to take an answer.
    /// </summary>
    public void HoldResponses() => Interlocked.Exchange(ref _responseGate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void AnswerResponses() => Interlocked.Exchange(ref _responseGate, null)?.TrySetResult();

    /// <summary>Files POSTed to upload URLs handed out by files.getUploadURLExternal.</summary>
    public ConcurrentQueue<Upload> Uploads { get; } = new();

    public async ValueTask DisposeAsync()
    {
        AnswerResponses();
        foreach (var socket in _all)
        {
            socket.Drop();
        }

        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(quick.Token);
        await _app.DisposeAsync();
    }

    private async Task ApiAsync(HttpContext http, string method)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Calls.Enqueue(new ApiCall(method, http.Request.Headers.Authorization.ToString(), body));
        if (_scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var answer))
        {
            await answer(http);
            return;
        }

        http.Response.ContentType = "application/json";
        var json = method switch
        {
            "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = $"ws://{BaseUrl.Authority}/link?ticket={Interlocked.Increment(ref _tickets)}" }.ToJsonString(),
            "auth.test" => """{"ok":true,"url":"https://fake.slack.com/","team":"Fake","user":"researchbot","team_id":"T123ABC456","user_id":"U0BOT","bot_id":"B0BOT"}""",
            "chat.postMessage" => """{"ok":true,"channel":"C123ABC456","ts":"1700000000.000100"}""",
            "files.getUploadURLExternal" => new JsonObject { ["ok"] = true, ["upload_url"] = BaseUrl + "upload/F0FILE1", ["file_id"] = "F0FILE1" }.ToJsonString(),
            "chat.unfurl" => """{"ok":true}""",
            "files.completeUploadExternal" => """{"ok":true,"files":[{"id":"F0FILE1","title":"chart"}]}""",
            _ => """{"ok":false,"error":"unknown_method"}""",
        };
        await http.Response.WriteAsync(json);
    }

    private async Task LinkAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var ws = await http.WebSockets.AcceptWebSocketAsync();
        var socket = new FakeSocket(ws, http.Request.Query["ticket"].ToString());
        _all.Enqueue(socket);
        await _sockets.Writer.WriteAsync(socket);
        await socket.RunAsync();
    }

    private async Task UploadAsync(HttpContext http, string id)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        Uploads.Enqueue(new Upload(id, http.Request.Headers.Authorization.ToString(), buffer.ToArray()));
        await http.Response.WriteAsync("OK - " + buffer.Length);
    }

    private async Task ResponseAsync(HttpContext http, string id)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        await _responsePosts.Writer.WriteAsync(new ApiCall("response/" + id, http.Request.Headers.Authorization.ToString(), body));
        if (Volatile.Read(ref _responseGate) is { } gate)
        {
            await gate.Task.WaitAsync(http.RequestAborted);
        }

        await http.Response.WriteAsync("ok");
    }
}

/// <summary>One Web API or response_url request as the fake received it.</summary>
internal sealed record ApiCall(string Method, string Authorization, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>The body's fields when it was form-encoded.</summary>
    public Dictionary<string, string> Form =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}

/// <summary>Bytes POSTed to an upload URL.</summary>
internal sealed record Upload(string FileId, string Authorization, byte[] Content);
