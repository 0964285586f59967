using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ResearchBot.Sources.Running;

/// <summary>
/// Runs each enabled <see cref="IPaperSource"/> on its cron schedule (UTC). One source failing is logged and retried
/// at its next occurrence; it never stops the host or the other sources.
/// </summary>
public sealed class IngestionService(
    IEnumerable<IPaperSource> sources,
    SourceRunner runner,
    TimeProvider timeProvider,
    ILogger<IngestionService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(sources.Where(s => s.Enabled).Select(s => LoopAsync(s, stoppingToken)));

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
