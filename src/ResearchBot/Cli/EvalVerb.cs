using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Similarity.Evaluation;

namespace ResearchBot.Cli;

/// <summary><c>researchbot eval FILE [--dims N] [--no-neural]</c>: the arguments of <see cref="QualityEvaluation"/>.</summary>
internal static class EvalVerb
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "A labelled corpus: one JSON object a line with id, title, abstract, categories",
        }.AcceptExistingOnly();
        var dims = new Option<int>("--dims")
        {
            Description = $"The engine's dimensions ({EvalRequest.MinDimensions}–{EvalRequest.MaxDimensions})",
            HelpName = "N",
            DefaultValueFactory = _ => EvalRequest.DefaultDimensions,
        };
        ResearchBotCommandLine.InRange(dims, EvalRequest.MinDimensions, EvalRequest.MaxDimensions);
        var noNeural = new Option<bool>("--no-neural")
        {
            Description = "Leave out the neural engine (embedding the corpus takes minutes on a CPU)",
        };
        var command = new Command("eval", "Measure /similar quality (category P@10, title→abstract MRR@10) on a labelled corpus, next to the baselines.")
        {
            file, dims, noNeural,
        };
        command.SetAction((result, _) => VerbRunner.RunAsync("eval", ResearchBotCommandLine.Rest(result), (services, output, error, ct) =>
            services.GetRequiredService<QualityEvaluation>().RunAsync(new EvalRequest(result.GetRequiredValue(file).FullName, result.GetValue(dims), !result.GetValue(noNeural)), output, error, ct),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }
}
