using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Alerts;

public static class AlertStorageServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite <see cref="IAlertStore"/> and the outbox participant that matches new papers inside the
    /// paper-writing transaction. Chained after <see cref="SqliteServiceCollectionExtensions.AddSqliteStorage"/>
    /// by the executable: <c>AddSqliteStorage().AddSqliteAlerts()</c>.
    /// </summary>
    public static IServiceCollection AddSqliteAlerts(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<AlertMetrics>();
        // The alert code both backends share (Storage.Shared), told this backend's SQL where the two differ.
        services.TryAddSingleton(SqliteAlertFeedbackStore.Dialect);
        services.TryAddSingleton<PercolatorCache>();
        services.TryAddSingleton<AlertOutboxWriter>();
        services.TryAddSingleton<IAlertStore, SqliteAlertStore>();
        // like: subscriptions: votes, examples and models; LikeAlertModels serves them when an engine with vectors
        // (IPaperVectors) and a learner (IInterestLearner) are registered, and says "not available" otherwise.
        services.TryAddSingleton<IAlertFeedbackStore, SqliteAlertFeedbackStore>();
        services.TryAddSingleton<LikeAlertModels>();
        services.TryAddSingleton<LikePercolatorCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaperUpsertParticipant, AlertOutboxParticipant>());
        return services;
    }
}
