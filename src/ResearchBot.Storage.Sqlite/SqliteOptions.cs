using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Storage.Sqlite;

/// <summary>Section <c>Storage</c>.</summary>
public sealed class SqliteOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite file; relative paths are under the working directory. Its folder is created if missing.</summary>
    [Required(ErrorMessage = "Storage:DatabasePath is required (e.g. data/researchbot.db).")]
    public string DatabasePath { get; set; } = "data/researchbot.db";

    /// <summary>How long a writer waits for a lock before failing.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Storage:BusyTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Load the embedded demo papers when the index is empty at start-up.</summary>
    public bool SeedDemoData { get; set; } = true;
}
