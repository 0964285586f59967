using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Storage.Postgres;

/// <summary>Section <c>Storage</c> when <c>Storage:Provider</c> is <c>Postgres</c>.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>). A secret: set it from
    /// <c>/run/secrets/Storage__ConnectionString</c> or the environment, never logged.
    /// </summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required when Storage:Provider is Postgres (Host=…;Database=…;Username=…).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Load the embedded demo papers when the index is empty at start-up.</summary>
    public bool SeedDemoData { get; set; } = true;

}
