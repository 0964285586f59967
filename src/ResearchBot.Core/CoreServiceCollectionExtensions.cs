using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Author;
using ResearchBot.Core.Commands.Help;
using ResearchBot.Core.Commands.Paper;
using ResearchBot.Core.Commands.Search;
using ResearchBot.Core.Commands.Similar;
using ResearchBot.Core.Commands.Subscribe;
using ResearchBot.Core.Commands.Subscriptions;
using ResearchBot.Core.Commands.Trending;
using ResearchBot.Core.Commands.Unsubscribe;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Configuration;

namespace ResearchBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The command kernel (catalog, dispatcher, options) and the ingestion pipeline. The commands themselves are
    /// added by <see cref="AddCommands"/>; storage, sources and platforms by their own <c>Add…()</c>.
    /// </summary>
    public static IServiceCollection AddResearchBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<CommandOptions>(CommandOptions.Section);
        services.AddMetrics();
        services.TryAddSingleton<CommandMetrics>();
        services.TryAddSingleton<Alerts.AlertMetrics>();
        services.TryAddSingleton<Health.ReadinessRegistry>();
        services.TryAddSingleton<CommandCatalog>();
        services.TryAddSingleton<CommandDispatcher>();
        services.TryAddSingleton<CommandRunner>();
        services.TryAddSingleton<Commands.Actions.ActionHandler>();
        services.TryAddSingleton<IPaperIngestor, PaperIngestor>();
        services.TryAddSingleton<Papers.PaperResolver>();
        // The index-based fallback; AddPaperSources() replaces it when Hugging Face is enabled.
        services.TryAddSingleton<Trending.ITrendingPapers, Trending.IndexTrendingPapers>();
        return services;
    }

    /// <summary>
    /// Every chat command the bot answers, one line each (architecture.md, "Add a command"). The comment names the
    /// ports a command needs beyond the kernel; the executable's storage backend, sources and similarity engine
    /// provide them, and the host validates that on build.
    /// </summary>
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.AddSingleton<ICommand, HelpCommand>();          // the catalog
        services.AddSingleton<ICommand, PaperCommand>();         // IPaperIndex, IRemotePaperLookup (optional)
        services.AddSingleton<ICommand, SearchCommand>();        // IPaperIndex
        services.AddSingleton<ICommand, AuthorCommand>();        // IAuthorDirectory, IAuthorProfileEnricher and IAuthorChartRenderer (optional)
        services.AddSingleton<ICommand, TrendingCommand>();      // ITrendingPapers
        services.AddSingleton<ICommand, SimilarCommand>();       // ISimilarityIndex, IPaperIndex
        services.AddSingleton<ICommand, SubscribeCommand>();     // IAlertStore, IPaperIndex; like: through LikeSubscriber
        services.TryAddSingleton<LikeSubscriber>();              // LikeAlertModels, IAlertFeedbackStore (optional: "not available" without)
        services.AddSingleton<ICommand, LikeThisCommand>();      // LikeSubscriber (button-only)
        services.AddSingleton<ICommand, UnsubscribeCommand>();   // IAlertStore
        services.AddSingleton<ICommand, SubscriptionsCommand>(); // IAlertStore
        services.TryAddSingleton<Commands.Unfurl.PaperCards>();  // ISimilarityIndex, IPaperIndex: link cards (Slack unfurling)
        return services;
    }
}
