using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ResearchBot.Storage.Postgres;

/// <summary>
/// The pooled data source for <c>Storage:ConnectionString</c>, and the embedded, numbered migrations
/// (<c>Migrations/NNNN_name.sql</c>) tracked in <c>schema_migrations</c>. Several processes may start at once: one
/// migrates under an advisory lock, the others wait for it and find the work done.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>Advisory lock keys (one namespace for this bot): migrations, the single paper writer, bulk loads.</summary>
    internal const long MigrateLock = 0x52_42_00_01;
    internal const long WriterLock = 0x52_42_00_02;
    internal const long BulkLock = 0x52_42_00_03;

    private readonly ILogger<PostgresDatabase> _logger;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private int _migrated;

    public PostgresDatabase(IOptions<PostgresOptions> options, ILogger<PostgresDatabase> logger)
    {
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        ConnectionString = builder.ConnectionString;
        DataSource = NpgsqlDataSource.Create(builder);
        Describe = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" + (builder.SearchPath is { Length: > 0 } s ? $" (schema {s})" : "");
    }

    /// <summary>
    /// The schema the tables live in (the first of the search path), read when migrating. <c>LISTEN</c>/<c>NOTIFY</c>
    /// channels are per database, not per schema: <see cref="ChannelName"/> scopes them, so two deployments in one
    /// database (in other schemas) do not hear each other's papers and models.
    /// </summary>
    internal string Schema { get; private set; } = "public";

    /// <summary>The channel <paramref name="channel"/> of this schema, for <c>pg_notify</c> (quote it for <c>LISTEN</c>).</summary>
    internal string ChannelName(string channel)
    {
        var name = $"{channel}.{Schema}";
        // Channel names are identifiers: at most 63 bytes.
        return System.Text.Encoding.UTF8.GetByteCount(name) <= 63 ? name
            : $"{channel}.{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Schema)))[..16]}";
    }

    /// <summary>Tells this process's (this composition's) notifications from others' on the <c>LISTEN</c> channels.</summary>
    public string ProcessToken { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>The pooled source of connections.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Host, port, database and schema: what to tell a user, without user name or password.</summary>
    public string Describe { get; }

    internal string ConnectionString { get; }

    /// <summary>Opens a pooled connection; migrates on first use.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _migrated) == 0)
        {
            await MigrateAsync(cancellationToken);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Applies pending migrations, each in its own transaction, under a cluster-wide advisory lock.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _migrated) == 1)
        {
            return;
        }

        await _migrating.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _migrated) == 0)
            {
                await MigrateOnceAsync(cancellationToken);
                Volatile.Write(ref _migrated, 1);
            }
        }
        finally
        {
            _migrating.Release();
        }
    }

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@k)", new { k = MigrateLock }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken: cancellationToken));
            var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT coalesce(max(version), 0) FROM schema_migrations", cancellationToken: cancellationToken));
            foreach (var (version, name, sql) in Migrations())
            {
                if (version <= current)
                {
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: cancellationToken, commandTimeout: 0));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", new { version, name }, tx, cancellationToken: cancellationToken));
                await tx.CommitAsync(cancellationToken);
                Log.MigrationApplied(_logger, version, name);
            }
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@k)", new { k = MigrateLock }, cancellationToken: CancellationToken.None));
        }

        Schema = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT current_schema()", cancellationToken: cancellationToken)) ?? "public";

        // A bulk load whose process died (its session lock is gone) is finished here.
        await Papers.PostgresBulkLoader.FinishPendingIfOrphanedAsync(this, new StepLog(_logger), cancellationToken);
    }

    /// <summary>The highest migration this build knows.</summary>
    public static int LatestVersion => Migrations().Max(m => m.Version);

    internal static IEnumerable<(int Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(PostgresDatabase).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Migrations.", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
                var version = int.Parse(file.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (version, file, reader.ReadToEnd());
            })
            .OrderBy(m => m.version)
            .ToList();
    }

    public void Dispose()
    {
        DataSource.Dispose();
        _migrating.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        _migrating.Dispose();
    }

    private sealed class StepLog(ILogger logger) : IProgress<Core.Ingestion.BulkLoadProgress>
    {
        private string? _step;

        public void Report(Core.Ingestion.BulkLoadProgress value)
        {
            if (value.Step != _step)
            {
                _step = value.Step;
                Log.PendingBulkLoadStep(logger, value.Step);
            }
        }
    }
}
