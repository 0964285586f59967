using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Progress;
using ResearchBot.Progress;

namespace ResearchBot.Cli;

internal static class CliRegistration
{
    /// <summary>
    /// What the verbs share in the host: how long work shows its progress (see <see cref="ProgressDisplay"/>). The verbs
    /// themselves are listed in <see cref="ResearchBotCommandLine"/>; their work is registered by each area's <c>Add…()</c>.
    /// </summary>
    /// <param name="verb">The verb the host runs: the bot (<c>run</c>) answers on the console while its index builds, so it
    /// never draws live bars over the chat, only plain lines.</param>
    public static IServiceCollection AddResearchBotCli(this IServiceCollection services, string verb)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Features register ProgressReporter.None when nothing else is there; the executable's choice wins wherever it is called.
        services.RemoveAll<IProgressReporter>();
        var bars = verb != VerbRunner.DefaultVerb;
        services.AddSingleton(sp => ProgressDisplay.ForStandardError(sp.GetRequiredService<TimeProvider>(), bars));
        return services;
    }
}
