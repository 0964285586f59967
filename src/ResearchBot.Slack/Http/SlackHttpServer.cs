using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResearchBot.Slack.Http;

/// <summary>
/// A small Kestrel app on <see cref="SlackOptions.HttpUrl"/> serving <see cref="SlackCommandEndpoint.Path"/>. It runs
/// inside the worker host, sharing its services, so the executable needs no web host of its own.
/// </summary>
public sealed class SlackHttpServer(SlackCommandEndpoint endpoint, IOptions<SlackOptions> options, ILoggerFactory loggerFactory)
{
    /// <summary>The address actually bound (useful with port 0 in tests); set once listening.</summary>
    public Uri? BoundAddress { get; private set; }

    public event Action<Uri>? Listening;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(options.Value.HttpUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = SlackCommandEndpoint.MaxBodyBytes;
        });
        await using var app = builder.Build();
        app.MapPost(SlackCommandEndpoint.Path, (HttpContext http) => endpoint.HandleAsync(http, cancellationToken));
        app.MapPost(SlackCommandEndpoint.InteractionsPath, (HttpContext http) => endpoint.HandleInteractionAsync(http, cancellationToken));
        app.MapPost(SlackCommandEndpoint.EventsPath, (HttpContext http) => endpoint.HandleEventAsync(http, cancellationToken));
        app.MapGet("/slack/health", () => Results.Text("ok"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null)
        {
            BoundAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            Log.HttpListening(loggerFactory.CreateLogger<SlackHttpServer>(), address + SlackCommandEndpoint.Path);
            Listening?.Invoke(BoundAddress);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
    }
}
