using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Cli;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Evaluation;

namespace ResearchBot.Similarity;

public static class SimilarityServiceCollectionExtensions
{
    /// <summary>
    /// The LSA similarity engine (section <c>Similarity</c>), the <c>/similar</c> command, the start-up warm-up and the
    /// <c>eval FILE</c> verb. Needs an <see cref="ISimilarityStore"/> (and, for fusion and <c>eval</c>,
    /// <see cref="IKeywordNeighbourSearch"/> and <see cref="IScratchIndexFactory"/>) from storage.
    /// </summary>
    public static IServiceCollection AddSimilarity(this IServiceCollection services)
    {
        services.AddOptions<SimilarityOptions>().BindConfiguration(SimilarityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LsaSimilarityIndex>();
        services.TryAddSingleton<ISimilarityIndex>(sp => sp.GetRequiredService<LsaSimilarityIndex>());
        services.AddSingleton<IPaperAddedListener>(sp => sp.GetRequiredService<LsaSimilarityIndex>());
        services.AddHostedService<SimilarityWarmupService>();
        services.AddSingleton<ICommand, Core.Commands.Similar.SimilarCommand>();
        services.AddSingleton<ICliVerb, EvalVerb>();
        return services;
    }
}
