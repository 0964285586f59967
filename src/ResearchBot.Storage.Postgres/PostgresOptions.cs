namespace ResearchBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL backend's settings, filled from section <c>Storage</c> (<see cref="Core.Storage.StorageOptions"/>,
/// which validates them) by <see cref="PostgresServiceCollectionExtensions.AddPostgresStorage"/>.
/// </summary>
public sealed class PostgresOptions
{
    /// <summary>An Npgsql connection string. A secret: never logged.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Load the embedded demo papers when the index is empty at start-up.</summary>
    public bool SeedDemoData { get; set; } = true;
}
