using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Cli;

namespace ResearchBot.Cli;

internal static class CliRegistration
{
    /// <summary>The executable's own verbs; other areas register theirs in their <c>Add…()</c>.</summary>
    public static IServiceCollection AddResearchBotCli(this IServiceCollection services)
    {
        services.AddSingleton<ICliVerb, AskVerb>();
        services.AddSingleton<ICliVerb, MigrateVerb>();
        return services;
    }
}
