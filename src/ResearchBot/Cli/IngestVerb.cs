using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Sources.Running;

namespace ResearchBot.Cli;

/// <summary><c>researchbot ingest [SOURCE] --once</c>: the arguments of <see cref="OneShotIngestion"/>.</summary>
internal static class IngestVerb
{
    public static Command Create()
    {
        var source = new Argument<string?>("SOURCE")
        {
            Description = "One source (arxiv, huggingface); every enabled one when left out",
            Arity = ArgumentArity.ZeroOrOne,
        };
        ResearchBotCommandLine.NoOptionLikeWords(source);
        var once = new Option<bool>("--once")
        {
            Description = "Run one pass and exit (required: the bot's background service runs sources on their schedule)",
        };
        var command = new Command("ingest", "Run one harvest pass of the enabled paper sources and exit (1: a source failed, batches stored so far are kept).")
        {
            source,
        };
        ResearchBotCommandLine.RequireFlag(command, once, "the bot's background service runs sources on their schedule; this verb runs one pass");
        command.SetAction((result, _) => VerbRunner.RunAsync("ingest", ResearchBotCommandLine.Rest(result), (services, output, error, ct) =>
            services.GetRequiredService<OneShotIngestion>().RunAsync(result.GetValue(source), output, error, ct),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }
}
