using Microsoft.Extensions.Hosting;

namespace ResearchBot.Similarity;

/// <summary>Loads (or first builds) the chosen similarity engine in the background at start-up, so the first /similar is fast.</summary>
internal sealed class SimilarityWarmupService(SimilarityEngines engines) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await engines.EnsureReadyAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged by the index (BuildFailed); the next /similar retries.
        }
    }
}
