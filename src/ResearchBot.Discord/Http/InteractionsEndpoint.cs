using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Discord.Interactions;

namespace ResearchBot.Discord.Http;

/// <summary>
/// The HTTP interactions endpoint (<c>POST /interactions</c> on <c>Discord:HttpUrl</c>): verify the signature over
/// the raw bytes before parsing (401 when bad or stale), then return the first response inline; follow-ups go over REST.
/// </summary>
public sealed class InteractionsEndpoint(
    InteractionHandler handler,
    IOptions<DiscordOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private const int MaxBodyBytes = 1 << 20;
    private readonly ILogger _logger = loggerFactory.CreateLogger<InteractionsEndpoint>();
    private WebApplication? _app;

    /// <summary>The address Kestrel bound (useful with port 0).</summary>
    public Uri? BoundAddress { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var verifier = new Ed25519SignatureVerifier(o.PublicKey, timeProvider, o.SignatureTolerance);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(o.HttpUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.AddSingleton(loggerFactory);
        _app = builder.Build();
        _app.MapPost("/interactions", (HttpContext http) => HandleAsync(http, verifier));
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        BoundAddress = address is null ? null : new Uri(address);
        Log.HttpListening(_logger, address ?? o.HttpUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    private async Task HandleAsync(HttpContext http, Ed25519SignatureVerifier verifier)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        var check = verifier.Verify(http.Request.Headers["X-Signature-Timestamp"], http.Request.Headers["X-Signature-Ed25519"], body);
        if (check != SignatureCheck.Valid)
        {
            Log.HttpSignatureRejected(_logger, check.ToString());
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsync("invalid request signature", http.RequestAborted);
            return;
        }

        JsonElement interaction;
        try
        {
            using var doc = JsonDocument.Parse(body);
            interaction = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // The first response travels in this HTTP answer; the rest of the work continues in the background.
        var first = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = handler.HandleAsync(interaction, (callback, _) =>
        {
            first.TrySetResult(callback);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAny(first.Task, work);
        if (!first.Task.IsCompleted)
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync((await first.Task).ToJsonString(DiscordJson.Options), http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
