using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Http;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord;

/// <summary>
/// The Discord platform: registers commands, then runs the gateway (or the HTTP endpoint). A fatal problem stops
/// this platform only, with the reason logged; the rest of the bot keeps running.
/// </summary>
public sealed class DiscordBotService(
    IOptions<DiscordOptions> options,
    CommandRegistrar registrar,
    IServiceProvider services,
    ReadinessRegistry readiness,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    private InteractionsEndpoint? _endpoint;

    private async Task RunPlatformAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registrar.RegisterAsync(stoppingToken);
        }
        catch (DiscordApiException ex) when (ex.Status == 401)
        {
            Log.PlatformStopped(logger, "Discord rejected Discord:Token (401) while registering commands");
            readiness.Report(InteractionMapper.Platform, false, "stopped (token rejected)");
            return;
        }
        catch (DiscordApiException ex)
        {
            // Commands registered earlier still work; keep serving them.
            Log.RegistrationFailed(logger, ex.Status, ex.Code);
        }

        if (options.Value.IsHttpMode)
        {
            _endpoint = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<InteractionsEndpoint>(services);
            await _endpoint.StartAsync(stoppingToken);
            readiness.Report(InteractionMapper.Platform, true, "listening");
            return;
        }

        var gateway = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GatewayClient>(services);
        try
        {
            var fatal = await gateway.RunAsync(stoppingToken);
            if (fatal is { } code)
            {
                Log.PlatformStopped(logger, $"gateway closed with {code}: {GatewayCloseCodes.Describe(code)}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        catch (DiscordApiException ex)
        {
            Log.PlatformStopped(logger, $"could not reach the gateway ({ex.Status}, code {ex.Code})");
            readiness.Report(InteractionMapper.Platform, false, "stopped (gateway unreachable)");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunPlatformAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        catch (Exception ex)
        {
            // Whatever went wrong, it stops Discord only: the rest of the bot (other platforms, ingestion) keeps running.
            Log.PlatformFailed(logger, ex);
            readiness.Report(InteractionMapper.Platform, false, "stopped (failed)");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_endpoint is not null)
        {
            await _endpoint.StopAsync(cancellationToken);
        }

        await base.StopAsync(cancellationToken);
    }
}
