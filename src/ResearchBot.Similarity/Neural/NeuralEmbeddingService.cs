using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// The bot's background embedding: after the warm-up, embeds every paper the neural engine lacks (resuming what a
/// previous run stored), then leaves new papers to the listener. Does nothing when LSA is the engine. Retries hourly
/// while another process holds the job or papers are still missing.
/// </summary>
internal sealed class NeuralEmbeddingService(SimilarityEngines engines, TimeProvider time, ILogger<NeuralEmbeddingService> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (engines.Neural is not { } neural)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await neural.EnsureReadyAsync(stoppingToken);
                if (neural.IsComplete || await neural.EmbedMissingAsync(stoppingToken) == EmbeddingOutcome.Complete)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.EmbeddingFailed(logger, ex);
            }

            await Task.Delay(Retry, time, stoppingToken);
        }
    }
}
