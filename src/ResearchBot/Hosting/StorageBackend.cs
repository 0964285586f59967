using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Storage;
using ResearchBot.Storage.Postgres;
using ResearchBot.Storage.Sqlite;

namespace ResearchBot.Hosting;

/// <summary>What the host needs to know of the composed backend: which one, how to migrate it, and how to name it (no secrets).</summary>
public static class StorageBackend
{
    /// <summary><c>Storage:Provider</c> as registration reads it: anything that is not a provider counts as SQLite (the check reports it).</summary>
    public static StorageProvider Chosen(IConfiguration configuration) =>
        Enum.TryParse<StorageProvider>(configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"]?.Trim(), ignoreCase: true, out var p) && Enum.IsDefined(p)
            ? p
            : StorageProvider.Sqlite;

    public static StorageProvider Chosen(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;

    /// <summary>Applies the chosen backend's pending migrations.</summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Chosen(services) == StorageProvider.Postgres
            ? services.GetRequiredService<PostgresDatabase>().MigrateAsync(cancellationToken)
            : services.GetRequiredService<SqliteDatabase>().MigrateAsync(cancellationToken);

    /// <summary>The SQLite file, or PostgreSQL host/port/database (never the user or password).</summary>
    public static string Describe(IServiceProvider services) =>
        Chosen(services) == StorageProvider.Postgres
            ? services.GetRequiredService<PostgresDatabase>().Describe
            : services.GetRequiredService<SqliteDatabase>().DatabasePath;
}
