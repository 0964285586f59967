using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Configuration;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Core.Storage;
using Microsoft.Extensions.Options;
using ResearchBot.Storage.Postgres.Alerts;
using ResearchBot.Storage.Postgres.Authors;
using ResearchBot.Storage.Postgres.Coordination;
using ResearchBot.Storage.Postgres.Papers;
using ResearchBot.Storage.Postgres.Similarity;
using ResearchBot.Storage.Postgres.Sources;

namespace ResearchBot.Storage.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Every storage port on PostgreSQL (section <c>Storage</c>, <c>Storage:ConnectionString</c>): papers and their
    /// full-text search, authors, source cursors and cache, bulk loads, alerts and the outbox (keyword and <c>like:</c>
    /// subscriptions matched inside the paper transaction), votes, examples and interest models, similarity models and vectors, more-like-this, scratch indexes, job leases (advisory locks)
    /// and the <c>LISTEN</c> service that folds other processes' new papers into this one.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        services.AddOptions<PostgresOptions>().Configure<IOptions<StorageOptions>>((o, storage) =>
        {
            o.ConnectionString = storage.Value.ConnectionString;
            o.SeedDemoData = storage.Value.SeedDemoData;
        });
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<BulkLoadState>();
        services.TryAddSingleton<PostgresPaperIndex>();
        services.TryAddSingleton<IPaperIndex>(sp => sp.GetRequiredService<PostgresPaperIndex>());
        services.TryAddSingleton<IBulkLoader, PostgresBulkLoader>();
        services.TryAddSingleton<IAuthorDirectory, PostgresAuthorDirectory>();
        services.TryAddSingleton<ISourceCursorStore, PostgresSourceCursorStore>();
        services.TryAddSingleton<ISourceCache, PostgresSourceCache>();

        services.TryAddSingleton<AlertMetrics>();
        // The alert code both backends share (Storage.Shared), told this backend's SQL where the two differ.
        services.TryAddSingleton(PostgresAlertFeedbackStore.Dialect);
        services.TryAddSingleton<PercolatorCache>();
        services.TryAddSingleton<AlertOutboxWriter>();
        services.TryAddSingleton<IAlertStore, PostgresAlertStore>();
        // like: subscriptions: votes, examples and models; LikeAlertModels serves them when an engine with vectors
        // (IPaperVectors) and a learner (IInterestLearner) are registered, and says "not available" otherwise.
        services.TryAddSingleton<IAlertFeedbackStore, PostgresAlertFeedbackStore>();
        services.TryAddSingleton<LikeAlertModels>();
        services.TryAddSingleton<LikePercolatorCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostgresUpsertParticipant, AlertOutboxParticipant>());

        services.TryAddSingleton<ISimilarityStore, PostgresSimilarityStore>();
        services.TryAddSingleton<IKeywordNeighbourSearch, PostgresKeywordNeighbourSearch>();
        services.TryAddSingleton<IScratchIndexFactory, PostgresScratchIndexFactory>();

        // Replaces any in-process lease registered before (the kernel's default): with a shared database, leases must be shared.
        services.RemoveAll<IJobLeases>();
        services.AddSingleton<IJobLeases, PostgresJobLeases>();
        services.AddHostedService<PaperNotifications>();
        return services;
    }
}
