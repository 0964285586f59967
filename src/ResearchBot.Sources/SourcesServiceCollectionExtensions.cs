using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Coordination;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Trending;
using ResearchBot.Core.Configuration;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Trending;
using ResearchBot.Sources.Arxiv;
using ResearchBot.Sources.Import;
using ResearchBot.Sources.Http;
using ResearchBot.Sources.HuggingFace;
using ResearchBot.Sources.OpenAlex;
using ResearchBot.Sources.Running;

namespace ResearchBot.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Paper and author sources (section <c>Sources</c>): arXiv harvest and look-ups, OpenAlex metrics for /author,
    /// Hugging Face daily papers for /trending, the scheduled ingestion service, and the
    /// <c>ingest</c> and <c>import</c> verbs. Every source is off until <c>Sources:NAME:Enabled</c> is true.
    /// Needs <c>AddResearchBotCore()</c> and a storage providing <see cref="ISourceCursorStore"/> and <see cref="ISourceCache"/>.
    /// </summary>
    public static IServiceCollection AddPaperSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<HttpRetryOptions>(HttpRetryOptions.Section);
        services.AddValidatedOptions<ArxivOptions>(ArxivOptions.Section);
        services.AddValidatedOptions<OpenAlexOptions>(OpenAlexOptions.Section);
        services.AddValidatedOptions<HuggingFaceOptions>(HuggingFaceOptions.Section);

        // One gate per upstream; arXiv's is shared by the API, OAI-PMH and RSS (1 request / 3 s, one connection).
        services.AddSourceHttp("arXiv", sp => sp.GetRequiredService<IOptions<ArxivOptions>>().Value.MinInterval, maxConnections: 1, mailto: _ => null);
        services.AddSourceHttp("OpenAlex", _ => TimeSpan.FromMilliseconds(100), maxConnections: 2, mailto: sp => sp.GetRequiredService<IOptions<OpenAlexOptions>>().Value.Mailto);
        services.AddSourceHttp("Hugging Face", _ => TimeSpan.FromSeconds(1), maxConnections: 1, mailto: _ => null);
        services.TryAddSingleton(sp => new ArxivHttp(sp.GetRequiredKeyedService<SourceHttp>("arXiv")));
        services.TryAddSingleton(sp => new OpenAlexHttp(sp.GetRequiredKeyedService<SourceHttp>("OpenAlex")));
        services.TryAddSingleton(sp => new HuggingFaceHttp(sp.GetRequiredKeyedService<SourceHttp>("Hugging Face")));

        services.TryAddSingleton<SourceRunner>();
        services.TryAddSingleton<ArxivSource>();
        services.TryAddSingleton<DailyPapersClient>();
        services.TryAddSingleton<HuggingFaceSource>();
        services.AddSingleton<IPaperSource>(sp => sp.GetRequiredService<ArxivSource>());
        services.AddSingleton<IPaperSource>(sp => sp.GetRequiredService<HuggingFaceSource>());
        services.AddJobLeasesFallback();
        services.AddHostedService<IngestionService>();
        services.TryAddSingleton<IProgressReporter>(ProgressReporter.None);
        services.TryAddSingleton<OneShotIngestion>();
        services.TryAddSingleton<SnapshotImporter>();

        if (configuration.IsSwitchedOn($"{ArxivOptions.Section}:Enabled"))
        {
            services.AddSingleton<IRemotePaperLookup, ArxivApiClient>();
        }

        if (configuration.IsSwitchedOn($"{OpenAlexOptions.Section}:Enabled"))
        {
            services.AddSingleton<IAuthorProfileEnricher, OpenAlexEnricher>();
        }

        if (configuration.IsSwitchedOn($"{HuggingFaceOptions.Section}:Enabled"))
        {
            // Replaces the index-based fallback that AddResearchBotCore() registers.
            services.Replace(ServiceDescriptor.Singleton<ITrendingPapers, HuggingFaceTrending>());
        }

        return services;
    }
}
