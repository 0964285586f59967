using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Evaluation.Alerts;

namespace ResearchBot.Cli;

/// <summary>
/// <c>researchbot eval FILE [--dims N] [--no-neural]</c>: the arguments of <see cref="QualityEvaluation"/>; and
/// <c>researchbot eval alerts FILE [--dims N]</c>: the alert simulation (<see cref="AlertEvaluation"/>).
/// </summary>
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
            file, dims, noNeural, Alerts(),
        };
        command.SetAction((result, _) => VerbRunner.RunAsync("eval", ResearchBotCommandLine.Rest(result), (services, output, error, ct) =>
            services.GetRequiredService<QualityEvaluation>().RunAsync(new EvalRequest(result.GetRequiredValue(file).FullName, result.GetValue(dims), !result.GetValue(noNeural)), output, error, ct),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static Command Alerts()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "A labelled corpus in time order: one JSON object a line with id, title, abstract, categories (primary first)",
        }.AcceptExistingOnly();
        var dims = new Option<int>("--dims")
        {
            Description = $"The LSA engine's dimensions ({EvalRequest.MinDimensions}–{EvalRequest.MaxDimensions})",
            HelpName = "N",
            DefaultValueFactory = _ => EvalRequest.DefaultDimensions,
        };
        ResearchBotCommandLine.InRange(dims, EvalRequest.MinDimensions, EvalRequest.MaxDimensions);
        var command = new Command("alerts", "Simulate alert channels on a labelled corpus (30 % history, 10 daily batches, votes) and compare keyword, like:, like: with votes and an SVM on TF-IDF.")
        {
            file, dims,
        };
        command.SetAction((result, _) => VerbRunner.RunAsync("eval", ResearchBotCommandLine.Rest(result), (services, output, error, ct) =>
            services.GetRequiredService<AlertEvaluation>().RunAsync(new AlertEvalRequest(result.GetRequiredValue(file).FullName, result.GetValue(dims)), output, error, ct),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }
}
