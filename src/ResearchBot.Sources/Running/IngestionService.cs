using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Coordination;

namespace ResearchBot.Sources.Running;

/// <summary>
/// Runs each enabled <see cref="IPaperSource"/> on its cron schedule (UTC). One source failing is logged and retried
/// at its next occurrence; it never stops the host or the other sources. When several processes share one database,
/// only the holder of the <see cref="SingletonJobNames.Ingestion"/> lease harvests; the others wait to take over.
/// </summary>
public sealed class IngestionService(
    IEnumerable<IPaperSource> sources,
    SourceRunner runner,
    SingletonJob singleton,
    TimeProvider timeProvider,
    ILogger<IngestionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = sources.Where(s => s.Enabled).ToList();
        if (enabled.Count == 0)
        {
            return; // Nothing to harvest: no need to hold (or wait for) the lease.
        }

        try
        {
            await singleton.RunAsync(SingletonJobNames.Ingestion, ct => Task.WhenAll(enabled.Select(s => LoopAsync(s, ct))), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task LoopAsync(IPaperSource source, CancellationToken stoppingToken)
    {
        var cron = CronExpression.Parse(source.Schedule, CronFormat.Standard);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            if (cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            Log.HarvestScheduled(logger, source.Name, next);
            try
            {
                await Task.Delay(next - now, timeProvider, stoppingToken);
                await runner.RunOnceAsync(source, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.HarvestFailed(logger, ex, source.Name);
            }
        }
    }
}
