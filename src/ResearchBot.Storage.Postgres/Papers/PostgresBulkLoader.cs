using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResearchBot.Core.Ingestion;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// Bulk loads on PostgreSQL: the indexes that the writes of a load never read (the GIN search index, the trigram and
/// time indexes, the author-to-papers index) are dropped when the load begins and built once, by a sort, at the end;
/// so are the two foreign keys of <c>paper_authors</c> (checked per byline row, each check a probe and a row lock on
/// the referenced paper and author), which are added back, and so validated, by one join at the end; author paper
/// counts are recounted once. Batches of a load commit without waiting for their WAL flush
/// (<c>synchronous_commit = off</c>, set by the writer): a server crash may lose the last batches, never corrupt them,
/// and a load is resumed by importing the file again. The load holds a session advisory lock on its own connection, so a load
/// whose process died is recognised (lock free, marker present) and finished by the next process that starts.
/// </summary>
internal sealed class PostgresBulkLoader(PostgresDatabase database, BulkLoadState bulkState, TimeProvider? timeProvider = null, ILogger<PostgresBulkLoader>? logger = null) : IBulkLoader
{
    private readonly BulkLoadState _state = bulkState;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>Indexes dropped for a load and rebuilt at its end; same definitions as the migrations.</summary>
    internal static readonly (string Name, string Create)[] DeferredIndexes =
    [
        ("papers_search", "CREATE INDEX IF NOT EXISTS papers_search ON papers USING gin (search)"),
        ("papers_indexed_at", "CREATE INDEX IF NOT EXISTS papers_indexed_at ON papers (indexed_at)"),
        ("paper_authors_author", "CREATE INDEX IF NOT EXISTS paper_authors_author ON paper_authors (author_id, paper_seq)"),
        ("authors_surname_trgm", "CREATE INDEX IF NOT EXISTS authors_surname_trgm ON authors USING gin (surname_key public.gin_trgm_ops)"),
    ];

    /// <summary>Foreign keys dropped for a load and added back (validated) at its end; same definitions as the migrations.</summary>
    internal static readonly (string Name, string Add)[] DeferredForeignKeys =
    [
        ("paper_authors_paper_seq_fkey", "ALTER TABLE paper_authors ADD CONSTRAINT paper_authors_paper_seq_fkey FOREIGN KEY (paper_seq) REFERENCES papers (seq)"),
        ("paper_authors_author_id_fkey", "ALTER TABLE paper_authors ADD CONSTRAINT paper_authors_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id)"),
    ];

    public async Task<IBulkLoad> BeginAsync(CancellationToken cancellationToken)
    {
        _state.Enter();
        NpgsqlConnection? held = null;
        try
        {
            held = await database.OpenAsync(cancellationToken);
            if (!await held.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@k)", new { k = PostgresDatabase.BulkLock }, cancellationToken: cancellationToken)))
            {
                throw new InvalidOperationException("Another bulk load is running on this database.");
            }

            await using var tx = await held.BeginTransactionAsync(cancellationToken);
            await held.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO bulk_load (id, from_seq, started_at) VALUES (1, (SELECT coalesce(max(seq), 0) FROM papers), @now)
                ON CONFLICT (id) DO NOTHING
                """,
                new { now = _time.GetUtcNow().ToUnixTimeMilliseconds() }, tx, cancellationToken: cancellationToken));
            await held.ExecuteAsync(new CommandDefinition(
                string.Concat(DeferredIndexes.Select(i => $"DROP INDEX IF EXISTS {i.Name};"))
                + string.Concat(DeferredForeignKeys.Select(k => $"ALTER TABLE paper_authors DROP CONSTRAINT IF EXISTS {k.Name};")),
                transaction: tx, cancellationToken: cancellationToken, commandTimeout: 0));
            await tx.CommitAsync(cancellationToken);
            return new Load(this, held);
        }
        catch
        {
            if (held is not null)
            {
                await held.DisposeAsync(); // closing the session releases its advisory lock
            }

            _state.Exit();
            throw;
        }
    }

    /// <summary>Finishes a load left by a process that died (no one holds the lock and the marker is there); else a no-op.</summary>
    internal static async Task FinishPendingIfOrphanedAsync(PostgresDatabase database, IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT from_seq FROM bulk_load WHERE id = 1", cancellationToken: cancellationToken)) is null)
        {
            return;
        }

        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@k)", new { k = PostgresDatabase.BulkLock }, cancellationToken: cancellationToken)))
        {
            return; // a load is running in another process
        }

        try
        {
            await FinishAsync(connection, progress, cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@k)", new { k = PostgresDatabase.BulkLock }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>Builds the deferred indexes, recounts authors of the loaded papers and removes the marker, in one transaction.</summary>
    private static async Task FinishAsync(NpgsqlConnection connection, IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var from = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT from_seq FROM bulk_load WHERE id = 1 FOR UPDATE", transaction: tx, cancellationToken: cancellationToken));
        if (from is not { } first)
        {
            return;
        }

        Task RunAsync(string sql, object? args = null) =>
            connection.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: cancellationToken, commandTimeout: 0));

        // Index builds sort in memory up to maintenance_work_mem (64 MB by default): more makes fewer passes.
        await RunAsync("SET LOCAL maintenance_work_mem = '512MB'");
        progress?.Report(new BulkLoadProgress("indexes", 0));
        for (var i = 0; i < DeferredIndexes.Length; i++)
        {
            await RunAsync(DeferredIndexes[i].Create);
            progress?.Report(new BulkLoadProgress("indexes", (i + 1.0) / DeferredIndexes.Length));
        }

        // Foreign keys back: each is validated by one scan and join instead of a probe per inserted row.
        var present = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'paper_authors'::regclass AND contype = 'f'", transaction: tx, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, add) in DeferredForeignKeys)
        {
            if (!present.Contains(name))
            {
                await RunAsync(add);
            }
        }

        progress?.Report(new BulkLoadProgress("author counts", 0));
        await RunAsync(
            """
            UPDATE authors a SET paper_count = c.n
            FROM (SELECT author_id, count(DISTINCT paper_seq) AS n FROM paper_authors
                  WHERE author_id IN (SELECT author_id FROM paper_authors WHERE paper_seq > @first) GROUP BY author_id) c
            WHERE a.id = c.author_id AND a.paper_count <> c.n;
            DELETE FROM bulk_load;
            """,
            new { first });
        progress?.Report(new BulkLoadProgress("author counts", 1));
        await RunAsync("ANALYZE papers; ANALYZE authors; ANALYZE paper_authors");
        await tx.CommitAsync(cancellationToken);
    }

    private sealed class Load(PostgresBulkLoader loader, NpgsqlConnection held) : IBulkLoad
    {
        private bool _done;
        private bool _tried;

        private async Task ReleaseAsync()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            try
            {
                await held.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@k)", new { k = PostgresDatabase.BulkLock }));
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }

            await held.DisposeAsync();
            loader._state.Exit();
        }

        public async Task CompleteAsync(IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken)
        {
            if (_done)
            {
                return;
            }

            _tried = true;
            await FinishAsync(held, progress, cancellationToken);
            await ReleaseAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_done)
            {
                return;
            }

            try
            {
                if (!_tried)
                {
                    await CompleteAsync(null, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.BulkLoadLeftPending(loader._logger, ex);
            }
            finally
            {
                await ReleaseAsync();
            }
        }
    }
}
