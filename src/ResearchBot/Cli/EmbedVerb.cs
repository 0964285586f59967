using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Similarity;
using ResearchBot.Similarity.Neural;

namespace ResearchBot.Cli;

/// <summary>
/// <c>researchbot embed</c>: embeds every paper the configured neural engine (<c>Similarity:Engine</c>) has no vector
/// for yet, with a progress bar and ETA, resuming where an earlier run (or the bot's background embedding) stopped.
/// </summary>
internal static class EmbedVerb
{
    public const string VerbName = "embed";

    public static Command Create()
    {
        var command = new Command(VerbName, "Embed every paper the neural similarity engine (Similarity:Engine) lacks, with a progress bar and ETA; resumes where an earlier run stopped.");
        command.SetAction((result, _) => VerbRunner.RunAsync(VerbName, ResearchBotCommandLine.Rest(result), RunAsync,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var engines = services.GetRequiredService<SimilarityEngines>();
        if (engines.Neural is not { } neural)
        {
            await error.WriteLineAsync("researchbot embed: the similarity engine is LSA, which needs no embedding. Set Similarity:Engine to MiniLm or ArcticXs (or Auto with a model installed).");
            return 1;
        }

        var outcome = await neural.EmbedMissingAsync(cancellationToken);
        var progress = neural.Progress;
        switch (outcome)
        {
            case EmbeddingOutcome.Complete:
                await output.WriteLineAsync($"Neural index complete: {progress.Embedded:N0} of {progress.Total:N0} papers embedded ({neural.ActiveEngine}).");
                return 0;
            case EmbeddingOutcome.Empty:
                await output.WriteLineAsync("No papers to embed yet: import or ingest some first.");
                return 0;
            case EmbeddingOutcome.HeldElsewhere:
                await error.WriteLineAsync($"researchbot embed: another process is embedding (job {NeuralSimilarityIndex.JobName}); try again when it has finished.");
                return 1;
            default:
                await error.WriteLineAsync($"researchbot embed: {progress.Embedded:N0} of {progress.Total:N0} papers embedded; some could not be (see the log). Run it again to retry them.");
                return 1;
        }
    }
}
