namespace ResearchBot.Storage.Sqlite;

/// <summary>
/// The SQLite backend's settings, filled from section <c>Storage</c> (<see cref="Core.Storage.StorageOptions"/>,
/// which validates them) by <see cref="SqliteServiceCollectionExtensions.AddSqliteStorage"/>.
/// </summary>
public sealed class SqliteOptions
{
    /// <summary>The SQLite file; relative paths are under the working directory. Its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = "data/researchbot.db";

    /// <summary>How long a writer waits for a lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Load the embedded demo papers when the index is empty at start-up.</summary>
    public bool SeedDemoData { get; set; } = true;
}
