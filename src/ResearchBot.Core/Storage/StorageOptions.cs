using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Core.Storage;

/// <summary>Which storage backend the executable composes.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file (one process): the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by any number of identical processes.</summary>
    Postgres,
}

/// <summary>
/// Section <c>Storage</c>: the backend (<c>Storage:Provider</c>) and each backend's settings. One class for the section
/// so that every key is checked once whichever backend runs; the backends read their part of it.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The PostgreSQL connection string (<c>Host=…;Database=…;Username=…;Password=…</c>): required when Provider is
    /// Postgres, and the target of <c>researchbot copy --to postgres</c>. A secret: set it from
    /// <c>/run/secrets/Storage__ConnectionString</c> or the environment; it is never logged or echoed.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The SQLite file (also the source of <c>copy --to postgres</c>); relative paths are under the working directory.</summary>
    [Required(ErrorMessage = "Storage:DatabasePath is required (e.g. data/researchbot.db).")]
    public string DatabasePath { get; set; } = "data/researchbot.db";

    /// <summary>How long a SQLite writer waits for a lock before failing.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Storage:BusyTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Load the embedded demo papers when the index is empty at start-up.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// The candidate budget of a keyword search (<c>/search</c>): a search whose words match at most this many papers
    /// ranks every match; one that matches more ranks only the most recently added this many and says so, so that
    /// common words ("learning", "model") cost the budget and not the match count. 0 ranks every match, however many
    /// (the cost then grows with the index: seconds at 1M papers). Read at each search.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Storage:SearchCandidates must be between 0 (rank every match) and 1000000.")]
    public int SearchCandidates { get; set; } = DefaultSearchCandidates;

    /// <summary>The default <see cref="SearchCandidates"/>: bounded work at 1M papers on both backends (see README).</summary>
    public const int DefaultSearchCandidates = 10_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult("Storage:Provider must be one of: Sqlite, Postgres.", [nameof(Provider)]);
        }

        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is required when Storage:Provider is Postgres (Host=…;Database=…;Username=…; from /run/secrets or the environment).",
                [nameof(ConnectionString)]);
        }
        else if (!string.IsNullOrWhiteSpace(ConnectionString) && !LooksLikeConnectionString(ConnectionString))
        {
            // Never echo the value: it usually holds a password.
            yield return new ValidationResult("Storage:ConnectionString must be key=value pairs separated by ';' such as Host=db;Database=researchbot;Username=bot.", [nameof(ConnectionString)]);
        }
    }

    private static bool LooksLikeConnectionString(string s) =>
        s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(pair => pair.IndexOf('=', StringComparison.Ordinal) is > 0);
}
