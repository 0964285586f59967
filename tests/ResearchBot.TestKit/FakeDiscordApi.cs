using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ResearchBot.TestKit;

/// <summary>
/// Discord's REST API as several bot processes see it, on 127.0.0.1: channel messages (with Discord's nonce rule: a
/// repeat of <c>nonce</c> + <c>enforce_nonce</c> in the same channel returns the first message instead of posting
/// again), command registration, interaction callbacks and webhooks. Every created message is kept with the arXiv
/// ids it mentions, so a test can check that each (channel, paper) was posted exactly once.
/// </summary>
public sealed class FakeDiscordApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Channel, string Nonce), string> _nonces = new();
    private readonly Lock _lock = new();
    private long _nextId = 1_000_000;
    private WebApplication _app = null!;

    private FakeDiscordApi()
    {
    }

    /// <summary>The REST base to give the bot as <c>Discord:ApiBaseUrl</c>.</summary>
    public string ApiBase { get; private set; } = "";

    /// <summary>Created messages: channel id and the JSON body.</summary>
    public ConcurrentQueue<(string Channel, string Body)> Messages { get; } = new();

    /// <summary>Interaction webhook calls (edits of <c>@original</c>, follow-ups): method, path below the API base, JSON body.</summary>
    public ConcurrentQueue<(string Method, string Path, string Body)> Webhooks { get; } = new();

    /// <summary>Posts answered with an earlier message because their nonce repeated.</summary>
    public int NonceRepeats => _nonceRepeats;

    private int _nonceRepeats;

    /// <summary>Time each channel-message POST takes before it is answered (widens the window a crash can hit).</summary>
    public TimeSpan PostDelay { get; set; } = TimeSpan.Zero;

    public static async Task<FakeDiscordApi> StartAsync()
    {
        var fake = new FakeDiscordApi();
        (fake._app, var baseUri) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/api/v10/channels/{channel}/messages", fake.PostMessageAsync);
            app.MapPut("/api/v10/applications/{app}/commands", () => Results.Content("[]", "application/json"));
            app.MapPut("/api/v10/applications/{app}/guilds/{guild}/commands", () => Results.Content("[]", "application/json"));
            app.MapPost("/api/v10/interactions/{id}/{token}/callback", () => Results.NoContent());
            app.Map("/api/v10/webhooks/{**rest}", fake.WebhookAsync);
            app.MapGet("/api/v10/gateway/bot", () => Results.Content("{\"url\":\"ws://127.0.0.1:1\",\"shards\":1,\"session_start_limit\":{\"total\":1000,\"remaining\":1000,\"reset_after\":0,\"max_concurrency\":1}}", "application/json"));
        });
        fake.ApiBase = new Uri(baseUri, "api/v10").ToString();
        return fake;
    }

    /// <summary>How many created messages mention each (channel, arXiv id) whose id matches <paramref name="idPattern"/>.</summary>
    public Dictionary<(string Channel, string Paper), int> PostsPerPair(Regex idPattern)
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (var (channel, body) in Messages)
        {
            foreach (var paper in idPattern.Matches(body).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                counts[(channel, paper)] = counts.GetValueOrDefault((channel, paper)) + 1;
            }
        }

        return counts;
    }

    private async Task<IResult> PostMessageAsync(string channel, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (PostDelay > TimeSpan.Zero)
        {
            await Task.Delay(PostDelay, http.RequestAborted);
        }

        string? nonce = null;
        var enforce = false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("nonce", out var n))
            {
                nonce = n.ValueKind == JsonValueKind.String ? n.GetString() : n.GetRawText();
            }

            enforce = doc.RootElement.TryGetProperty("enforce_nonce", out var e) && e.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return Results.Content("{\"code\":50109,\"message\":\"The request body contains invalid JSON.\"}", "application/json", statusCode: 400);
        }

        string id;
        lock (_lock)
        {
            if (enforce && nonce is not null && _nonces.TryGetValue((channel, nonce), out var existing))
            {
                Interlocked.Increment(ref _nonceRepeats);
                id = existing;
            }
            else
            {
                id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (enforce && nonce is not null)
                {
                    _nonces[(channel, nonce)] = id;
                }

                Messages.Enqueue((channel, body));
            }
        }

        return Results.Content("{\"id\":\"" + id + "\",\"channel_id\":\"" + channel + "\",\"content\":\"\"}", "application/json");
    }

    private async Task<IResult> WebhookAsync(string rest, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        Webhooks.Enqueue((http.Request.Method, "webhooks/" + rest, body));
        return Results.Content("{\"id\":\"1\"}", "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
