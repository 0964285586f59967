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
    public static IServiceCollection AddResearchBotCli(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ProgressDisplay.ForStandardError(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
