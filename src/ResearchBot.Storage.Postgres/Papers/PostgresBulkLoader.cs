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
/// counts are recounted once. The search index's tsvectors (<c>paper_search</c>) are computed by a second connection, the
/// <see cref="SearchFiller"/>, for the batches already committed, while the writer goes on: the text-search parse and
/// stemming were two thirds of the server's CPU in a load and ran serially in the writer's backend when the tsvector
/// was a generated column of <c>papers</c>; the end of the load indexes what the filler had not reached. Batches of a load commit without waiting for their WAL flush
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
        ("paper_search_gin", "CREATE INDEX IF NOT EXISTS paper_search_gin ON paper_search USING gin (search)"),
        ("papers_indexed_at", "CREATE INDEX IF NOT EXISTS papers_indexed_at ON papers (indexed_at)"),
        ("paper_authors_author", "CREATE INDEX IF NOT EXISTS paper_authors_author ON paper_authors (author_id, paper_seq)"),
        ("authors_surname_trgm", "CREATE INDEX IF NOT EXISTS authors_surname_trgm ON authors USING gin (surname_key public.gin_trgm_ops)"),
    ];

    /// <summary>Foreign keys dropped for a load and added back (validated) at its end; same definitions as the migrations.</summary>
    internal static readonly (string Table, string Name, string Add)[] DeferredForeignKeys =
    [
        ("paper_authors", "paper_authors_paper_seq_fkey", "ALTER TABLE paper_authors ADD CONSTRAINT paper_authors_paper_seq_fkey FOREIGN KEY (paper_seq) REFERENCES papers (seq)"),
        ("paper_authors", "paper_authors_author_id_fkey", "ALTER TABLE paper_authors ADD CONSTRAINT paper_authors_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id)"),
        ("paper_search", "paper_search_seq_fkey", "ALTER TABLE paper_search ADD CONSTRAINT paper_search_seq_fkey FOREIGN KEY (seq) REFERENCES papers (seq)"),
    ];

    /// <summary>Papers the search filler indexes per statement: a statement of a second or two, so it stops soon.</summary>
    internal const int SearchChunk = 10_000;

    /// <summary>Indexes committed papers in (@from, @to] that have no search row yet, and records how far it got.</summary>
    private const string FillSearchSql = """
        WITH filled AS (
            INSERT INTO paper_search (seq, search)
            SELECT seq, paper_search_vector(title_key, abstract) FROM papers WHERE seq > @from AND seq <= @to
            ON CONFLICT (seq) DO NOTHING)
        UPDATE bulk_load SET searched_to = @to WHERE id = 1
        """;

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
                + string.Concat(DeferredForeignKeys.Select(k => $"ALTER TABLE {k.Table} DROP CONSTRAINT IF EXISTS {k.Name};")),
                transaction: tx, cancellationToken: cancellationToken, commandTimeout: 0));
            await tx.CommitAsync(cancellationToken);
            return new Load(this, held, SearchFiller.Start(database, _time, _logger));
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

        // The papers the search filler had not reached (all of them when the filler could not run).
        progress?.Report(new BulkLoadProgress("search index", 0));
        var searchedTo = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(searched_to, from_seq) FROM bulk_load WHERE id = 1", transaction: tx, cancellationToken: cancellationToken));
        await RunAsync(
            """
            INSERT INTO paper_search (seq, search)
            SELECT seq, paper_search_vector(title_key, abstract) FROM papers WHERE seq > @searchedTo
            ON CONFLICT (seq) DO NOTHING
            """,
            new { searchedTo });
        progress?.Report(new BulkLoadProgress("search index", 1));

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
            "SELECT conname FROM pg_constraint WHERE conrelid IN ('paper_authors'::regclass, 'paper_search'::regclass) AND contype = 'f'", transaction: tx, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, name, add) in DeferredForeignKeys)
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
        await RunAsync("ANALYZE papers; ANALYZE paper_search; ANALYZE authors; ANALYZE paper_authors");
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Computes the search rows of the batches a load has committed, on a connection of its own, while the writer goes
    /// on. Batches are written one at a time under the writer lock, each taking its seqs inside the lock, so a
    /// committed max(seq) has every earlier batch committed below it: the filler walks (searched_to, max(seq)] and
    /// records its progress in the same statement. It never decides correctness: it stops on its first error (logged)
    /// and the load's end indexes whatever it had not reached. A merged paper whose abstract changes is re-indexed by
    /// the writer with an upsert, so whichever of the two writes a row last writes the newer text.
    /// </summary>
    private sealed class SearchFiller : IAsyncDisposable
    {
        private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        public static SearchFiller Start(PostgresDatabase database, TimeProvider time, ILogger logger)
        {
            var filler = new SearchFiller();
            filler._run = Task.Run(() => filler.RunAsync(database, time, logger));
            return filler;
        }

        private async Task RunAsync(PostgresDatabase database, TimeProvider time, ILogger logger)
        {
            var stop = _stop.Token;
            try
            {
                await using var connection = await database.OpenAsync(stop);
                await connection.ExecuteAsync(new CommandDefinition("SET synchronous_commit = off", cancellationToken: stop));
                var done = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT coalesce(searched_to, from_seq) FROM bulk_load WHERE id = 1", cancellationToken: stop));
                while (done is { } from && !stop.IsCancellationRequested)
                {
                    var high = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(seq), 0) FROM papers", cancellationToken: stop));
                    if (high <= from)
                    {
                        await Task.Delay(Idle, time, stop);
                        continue;
                    }

                    var to = Math.Min(high, from + SearchChunk);
                    await connection.ExecuteAsync(new CommandDefinition(FillSearchSql, new { from, to }, cancellationToken: stop, commandTimeout: 0));
                    done = to;
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Stopped by the end of the load, which indexes the rest.
            }
            catch (Exception ex)
            {
                Log.SearchFillerStopped(logger, ex);
            }
        }

        /// <summary>Stops the filler and waits for it: its statement in flight is cancelled and rolled back.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }

    private sealed class Load(PostgresBulkLoader loader, NpgsqlConnection held, SearchFiller filler) : IBulkLoad
    {
        private ValueTask StopFillerAsync() => filler.DisposeAsync();

        private bool _done;
        private bool _tried;

        private async Task ReleaseAsync()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            await StopFillerAsync();
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
            await StopFillerAsync();
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
