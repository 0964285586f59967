using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using ResearchBot.Core.Health;

namespace ResearchBot.Hosting;

/// <summary>
/// The optional status listener on <see cref="HostingOptions.HttpUrl"/>: a small Kestrel app inside the worker host
/// serving <c>/healthz</c> (200 while the process runs), <c>/readyz</c> (200 when every expected component of the
/// <see cref="ReadinessRegistry"/> is ready, else 503 naming what is not) and the Prometheus <c>/metrics</c>.
/// </summary>
public sealed class StatusServer(IOptions<HostingOptions> options, ReadinessRegistry readiness, MeterProvider meterProvider, ILoggerFactory loggerFactory) : BackgroundService
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";
    public const string MetricsPath = "/metrics";

    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the address actually bound (useful with port 0).</summary>
    public Task<Uri> Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(options.Value.HttpUrl!);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 0;
        });
        await using var app = builder.Build();
        app.MapGet(HealthPath, () => Results.Text("ok\n"));
        app.MapGet(ReadyPath, (HttpContext http) => Ready(http));
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider, configureBranchedPipeline: null, optionsName: null);
        try
        {
            await app.StartAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _listening.TrySetException(ex);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Value.HttpUrl!;
        HostLog.StatusListening(loggerFactory.CreateLogger<StatusServer>(), address);
        _listening.TrySetResult(new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Host shutdown.
        }

        await app.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// <c>ready</c> or <c>not ready</c>, then one <c>component: status</c> line each, so that
    /// <c>curl -f</c>, Docker and Kubernetes read the status code and a person reads the body.
    /// </summary>
    private IResult Ready(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var states = readiness.Snapshot();
        var ready = states.All(s => s.IsReady);
        var body = new StringBuilder(ready ? "ready\n" : "not ready\n");
        foreach (var state in states)
        {
            body.Append(state.Component).Append(": ").Append(state.Status).Append('\n');
        }

        return Results.Text(body.ToString(), "text/plain; charset=utf-8", Encoding.UTF8, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
