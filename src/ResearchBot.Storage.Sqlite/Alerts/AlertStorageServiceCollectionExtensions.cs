using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Alerts;
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
        services.TryAddSingleton<PercolatorCache>();
        services.TryAddSingleton<IAlertStore, SqliteAlertStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaperUpsertParticipant, AlertOutboxParticipant>());
        return services;
    }
}
