using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Sqlite.Authors;
using ResearchBot.Storage.Sqlite.Papers;
using ResearchBot.Storage.Sqlite.Sources;
using ResearchBot.Core.Configuration;
using ResearchBot.Core.Storage;
using Microsoft.Extensions.Options;

namespace ResearchBot.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>The SQLite index: papers, authors, full-text search, and in-process job leases (one process). Section <c>Storage</c>.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        services.AddOptions<SqliteOptions>().Configure<IOptions<StorageOptions>>((o, storage) =>
        {
            o.DatabasePath = storage.Value.DatabasePath;
            o.BusyTimeout = storage.Value.BusyTimeout;
            o.SeedDemoData = storage.Value.SeedDemoData;
        });
        services.TryAddSingleton<ResearchBot.Core.Coordination.IJobLeases, InProcessJobLeases>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<IPaperIndex, SqlitePaperIndex>();
        services.TryAddSingleton<BulkLoadState>();
        services.TryAddSingleton<ResearchBot.Core.Ingestion.IBulkLoader, SqliteBulkLoader>();
        services.TryAddSingleton<IAuthorDirectory, SqliteAuthorDirectory>();
        services.TryAddSingleton<ISourceCursorStore, SqliteSourceCursorStore>();
        services.TryAddSingleton<ISourceCache, SqliteSourceCache>();
        return services;
    }
}
