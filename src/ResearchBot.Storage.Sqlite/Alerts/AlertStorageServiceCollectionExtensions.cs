using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Alerts;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Alerts;

public static class AlertStorageServiceCollectionExtensions
{
    /// <summary>
    /// The alert store and the outbox participant that matches new papers inside the paper-writing transaction.
    /// Call after (or with) <see cref="SqliteServiceCollectionExtensions.AddSqliteStorage"/>.
    /// </summary>
    public static IServiceCollection AddSqliteAlertStorage(this IServiceCollection services)
    {
        services.AddSqliteStorage();
        services.TryAddSingleton<PercolatorCache>();
        services.TryAddSingleton<IAlertStore, SqliteAlertStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaperUpsertParticipant, AlertOutboxParticipant>());
        return services;
    }
}
