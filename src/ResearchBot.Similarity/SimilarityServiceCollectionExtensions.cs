using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Health;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Evaluation.Alerts;
using ResearchBot.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ResearchBot.Similarity;

public static class SimilarityServiceCollectionExtensions
{
    /// <summary>
    /// The similarity engine (section <c>Similarity</c>: LSA, or a neural engine over a keyed <see cref="Embedding.ITextEmbedder"/>
    /// with LSA answering until it has embedded every paper; see <see cref="SimilarityEngines"/>) behind <c>/similar</c>,
    /// the start-up warm-up, the background embedding and the
    /// evaluation behind the <c>eval FILE</c> verb. Needs an <see cref="ISimilarityStore"/> (and, for fusion and <c>eval</c>,
    /// <see cref="IKeywordNeighbourSearch"/> and <see cref="IScratchIndexFactory"/>) from the storage backend the
    /// executable chose (<c>AddSqliteStorage().AddSqliteSimilarity()</c>). The <c>/similar</c> command itself is
    /// registered with the others in <c>AddCommands()</c>.
    /// </summary>
    public static IServiceCollection AddSimilarity(this IServiceCollection services)
    {
        services.AddValidatedOptions<SimilarityOptions>(SimilarityOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddReadinessComponent(LsaSimilarityIndex.ReadinessName);
        services.TryAddSingleton<SimilarityMetrics>();
        services.AddJobLeasesFallback();
        services.TryAddSingleton<LsaSimilarityIndex>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimilarityOptions>, SimilarityEngineInstalled>());
        services.TryAddSingleton<SimilarityEngines>();
        services.TryAddSingleton<ISimilarityIndex>(sp => sp.GetRequiredService<SimilarityEngines>().Active);
        services.TryAddSingleton<IPaperVectors, EngineSwitchingPaperVectors>();
        services.AddSingleton<IPaperAddedListener>(sp => sp.GetRequiredService<LsaSimilarityIndex>());
        services.TryAddKeyedSingleton<IPaperVectors, LsaPaperVectors>("Lsa");
        services.AddSingleton<IPaperAddedListener, NeuralPaperListener>();
        // New model versions another process completed (told by a shared backend: PostgreSQL's LISTEN/NOTIFY).
        services.AddSingleton<ISimilarityModelListener>(sp => sp.GetRequiredService<LsaSimilarityIndex>());
        services.AddSingleton<ISimilarityModelListener, NeuralModelListener>();
        services.AddHostedService<SimilarityWarmupService>();
        services.AddHostedService<Neural.NeuralEmbeddingService>();
        services.TryAddSingleton<IProgressReporter>(ProgressReporter.None);
        services.TryAddSingleton<QualityEvaluation>();
        // eval alerts: needs the IInterestLearner that AddAlerts() registers (the one like: subscriptions use).
        services.TryAddSingleton<AlertEvaluation>();
        return services;
    }
}
