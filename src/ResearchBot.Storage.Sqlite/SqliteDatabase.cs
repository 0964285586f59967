using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResearchBot.Storage.Sqlite;

/// <summary>
/// Opens configured connections (WAL, foreign keys, busy timeout) and applies the embedded, numbered
/// migrations (<c>Migrations/NNNN_name.sql</c>) tracked with <c>PRAGMA user_version</c>.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private int _migrated;

    public SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        var path = Path.GetFullPath(options.Value.DatabasePath);
        DatabasePath = path;
        _busyTimeoutMs = (int)options.Value.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000),
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Opens a connection with the per-connection pragmas applied; migrates on first use.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _migrated) == 0)
        {
            await MigrateAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    /// <summary>A migrated connection as plain ADO.NET, for <c>copy --to postgres</c> (the host names no driver type).</summary>
    public async Task<System.Data.Common.DbConnection> OpenForCopyAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates the folder and database if missing and applies pending migrations, each in its own transaction.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _migrated) == 1)
        {
            return;
        }

        // First uses can race (start-up services, a verb): one migrates, the others wait and then find it done.
        await _migrating.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _migrated) == 0)
            {
                await MigrateOnceAsync(cancellationToken);
            }
        }
        finally
        {
            _migrating.Release();
        }
    }

    public void Dispose() => _migrating.Dispose();

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {

        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenRawAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
        var current = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA user_version;", cancellationToken: cancellationToken));
        foreach (var (version, name, sql) in Migrations())
        {
            if (version <= current)
            {
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA user_version = {version};", transaction: tx, cancellationToken: cancellationToken));
            await tx.CommitAsync(cancellationToken);
            Log.MigrationApplied(_logger, version, name);
        }

        // A load whose process died is finished here; one still running elsewhere holds its lock and is left alone.
        if (!Papers.SqliteBulkLoader.IsRunningElsewhere(DatabasePath))
        {
            await Papers.SqliteBulkLoader.FinishPendingAsync(connection, new StepLog(_logger), cancellationToken);
        }
        Volatile.Write(ref _migrated, 1);
    }

    internal static IEnumerable<(int Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(SqliteDatabase).Assembly;
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

    /// <summary>Logs each step of finishing a left-over bulk load once (it can take minutes at start-up).</summary>
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
