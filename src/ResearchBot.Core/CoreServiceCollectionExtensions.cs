using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Ingestion;

namespace ResearchBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The command kernel, the built-in commands and the ingestion pipeline. Storage is added separately.</summary>
    public static IServiceCollection AddResearchBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<CommandCatalog>();
        services.TryAddSingleton<CommandDispatcher>();
        services.TryAddSingleton<CommandRunner>();
        services.TryAddSingleton<IPaperIngestor, PaperIngestor>();
        services.TryAddSingleton<Papers.PaperResolver>();

        // One line per command (architecture.md, "Add a command").
        services.AddSingleton<ICommand, Commands.Help.HelpCommand>();
        services.AddSingleton<ICommand, Commands.Paper.PaperCommand>();
        services.AddSingleton<ICommand, Commands.Search.SearchCommand>();
        services.AddSingleton<ICommand, Commands.Author.AuthorCommand>();
        services.AddSingleton<ICommand, Commands.Trending.TrendingCommand>();
        services.TryAddSingleton<Trending.ITrendingPapers, Trending.IndexTrendingPapers>();
        return services;
    }
}
