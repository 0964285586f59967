using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// The bot's background embedding: after the warm-up, embeds every paper the neural engine lacks (resuming what a
/// previous run stored) and runs the augmentation pass, then leaves new papers to the listener. Does nothing when LSA
/// is the engine. Retries hourly while another process holds the job or papers are still missing; with augmentation on
/// (<see cref="SimilarityOptions.NeuralAugmentNeighbours"/>) it keeps checking hourly whether the index has grown
/// enough for a full pass again (<see cref="NeuralSimilarityIndex.AugmentationDue"/>).
/// </summary>
internal sealed class NeuralEmbeddingService(SimilarityEngines engines, IOptions<SimilarityOptions> options, TimeProvider time, ILogger<NeuralEmbeddingService> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (engines.Neural is not { } neural)
        {
            return;
        }

        var augmenting = options.Value.NeuralAugmentNeighbours > 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await neural.EnsureReadyAsync(stoppingToken);
                if (!neural.IsComplete || neural.AugmentationDue)
                {
                    await neural.EmbedMissingAsync(stoppingToken);
                }

                if (neural.IsComplete && !augmenting)
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
