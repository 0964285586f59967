using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResearchBot.Alerts;

/// <summary>Runs <see cref="AlertDeliverer"/> every <see cref="AlertsOptions.PollInterval"/> in the long-running bot; a failed pass is logged and retried next tick.</summary>
public sealed class AlertDeliveryService(AlertDeliverer deliverer, IOptions<AlertsOptions> options, TimeProvider timeProvider, ILogger<AlertDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, timeProvider);
        do
        {
            try
            {
                DeliveryReport report;
                do
                {
                    report = await deliverer.DeliverDueAsync(stoppingToken);
                }
                while (report.Claimed > 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.DeliveryPassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
