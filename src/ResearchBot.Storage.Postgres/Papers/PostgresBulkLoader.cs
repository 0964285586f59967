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
/// counts are recounted once. The search index's tsvectors (<c>paper_search</c>) are computed by other connections, the
/// <see cref="SearchFiller"/>, for the batches already committed, while the writer goes on: the text-search parse and
/// stemming were two thirds of the server's CPU in a load and ran serially in the writer's backend when the tsvector
/// was a generated column of <c>papers</c>; the end of the load indexes what the filler had not reached. Batches of a load commit without waiting for their WAL flush
/// (<c>synchronous_commit = off</c>, set by the writer): a server crash may lose the last batches, never corrupt them,
/// and a load is resumed by importing the file again. The load holds a session advisory lock on its own connection, so a load
/// whose process died is recognised (lock free, marker present) and finished by the next process that starts.
/// </summary>
internal sealed class PostgresBulkLoader(PostgresDatabase database, BulkLoadState bulkState, TimeProvider? timeProvider = null, ILogger<PostgresBulkLoader>? logger = null) : IBulkLoader
{
    private readonly PostgresDatabase _database = database;
    private readonly BulkLoadState _state = bulkState;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>Indexes dropped for a load and rebuilt at its end; same definitions as the migrations.</summary>
    internal static readonly (string Table, string Name, string Create)[] DeferredIndexes =
    [
        (SearchTable, "paper_search_gin", "CREATE INDEX IF NOT EXISTS paper_search_gin ON paper_search USING gin (search)"),
        ("papers", "papers_indexed_at", "CREATE INDEX IF NOT EXISTS papers_indexed_at ON papers (indexed_at)"),
        ("paper_authors", "paper_authors_author", "CREATE INDEX IF NOT EXISTS paper_authors_author ON paper_authors (author_id, paper_seq)"),
        ("authors", "authors_surname_trgm", "CREATE INDEX IF NOT EXISTS authors_surname_trgm ON authors USING gin (surname_key public.gin_trgm_ops)"),
    ];

    /// <summary>The table the search side of a load's end finishes (its index and key); the byline side finishes the others.</summary>
    private const string SearchTable = "paper_search";

    /// <summary>Foreign keys dropped for a load and added back (validated) at its end; same definitions as the migrations.</summary>
    internal static readonly (string Table, string Name, string Add)[] DeferredForeignKeys =
    [
        ("paper_authors", "paper_authors_paper_seq_fkey", "ALTER TABLE paper_authors ADD CONSTRAINT paper_authors_paper_seq_fkey FOREIGN KEY (paper_seq) REFERENCES papers (seq)"),
        ("paper_authors", "paper_authors_author_id_fkey", "ALTER TABLE paper_authors ADD CONSTRAINT paper_authors_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id)"),
        ("paper_search", "paper_search_seq_fkey", "ALTER TABLE paper_search ADD CONSTRAINT paper_search_seq_fkey FOREIGN KEY (seq) REFERENCES papers (seq)"),
    ];

    /// <summary>Papers the search filler indexes per statement: a statement of a second or two, so it stops soon.</summary>
    internal const int SearchChunk = 10_000;

    /// <summary>Adds the search rows of the papers in (@from, @to] that have none (a row written meanwhile by the writer's merge upsert is kept).</summary>
    private const string AddMissingSearchRowsSql = """
        INSERT INTO paper_search (seq, search)
        SELECT p.seq, paper_search_vector(p.title_key, p.abstract) FROM papers p
        WHERE p.seq > @from AND p.seq <= @to AND NOT EXISTS (SELECT 1 FROM paper_search s WHERE s.seq = p.seq)
        ON CONFLICT (seq) DO NOTHING
        """;

    /// <summary>
    /// The filler's step on one of its connections: the search rows of committed papers in (@from, @to]. Without the
    /// anti-join of <see cref="AddMissingSearchRowsSql"/>: its range is new (only a merge upsert may have written a
    /// row there, which the conflict keeps). Measured on a 1M load: 157 s with the anti-join in the filler, 153 s without.
    /// </summary>
    private const string FillSearchSql = """
        INSERT INTO paper_search (seq, search)
        SELECT seq, paper_search_vector(title_key, abstract) FROM papers WHERE seq > @from AND seq <= @to
        ON CONFLICT (seq) DO NOTHING
        """;

    public async Task<IBulkLoad> BeginAsync(CancellationToken cancellationToken)
    {
        _state.Enter();
        NpgsqlConnection? held = null;
        try
        {
            held = await _database.OpenAsync(cancellationToken);
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
            return new Load(this, held, SearchFiller.Start(_database, _time, _logger));
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
    internal static async Task FinishPendingIfOrphanedAsync(PostgresDatabase database, IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken, int searchChunk = SearchChunk)
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
            await FinishAsync(database, connection, progress, searchChunk, cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@k)", new { k = PostgresDatabase.BulkLock }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>
    /// The end of a load, in two parts that touch different tables and so run side by side on their own connections:
    /// the search side (the search rows the filler had not reached, computed by <see cref="SearchWorkers"/> connections
    /// over chunks of the remaining seqs, then the GIN index and the foreign key of <c>paper_search</c>) and the
    /// byline side (the other deferred indexes, the foreign keys of <c>paper_authors</c>, author counts). Run one
    /// after the other in one backend, the catch-up alone left all but one of the server's cores idle for a minute per
    /// million papers. Every step is idempotent (search rows are only added where missing, indexes and keys only where
    /// absent, counts recomputed), and the marker is removed last, so a crash anywhere leaves a load that the next
    /// process finishes.
    /// </summary>
    private static async Task FinishAsync(PostgresDatabase database, NpgsqlConnection connection, IProgress<BulkLoadProgress>? progress, int searchChunk, CancellationToken cancellationToken)
    {
        var marker = await connection.QuerySingleOrDefaultAsync<(long From, long SearchedTo, long Last)?>(new CommandDefinition(
            "SELECT from_seq, coalesce(searched_to, from_seq), (SELECT coalesce(max(seq), 0) FROM papers) FROM bulk_load WHERE id = 1", cancellationToken: cancellationToken));
        if (marker is not { } m)
        {
            return;
        }

        var gate = new Lock();
        void Report(string step, double fraction)
        {
            lock (gate)
            {
                progress?.Report(new BulkLoadProgress(step, fraction));
            }
        }

        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bylines = FinishBylinesAsync(database, m.From, caughtUp.Task, cancellationToken);
        try
        {
            Report("search index", 0);
            await CatchUpSearchAsync(database, m.SearchedTo, m.Last, searchChunk, f => Report("search index", f), cancellationToken);
            caughtUp.TrySetResult();
            Report("search index", 1);
            Report("indexes", 0);
            await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
            {
                await RestoreAsync(connection, tx, table => table == SearchTable, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }

            Report("indexes", 0.5);
        }
        catch
        {
            // The byline side finishes (or fails) before this failure is reported, so none of its work is left running:
            // it skips the counts and statistics that wait for the catch-up. Its own failure, if any, is superseded by
            // this one (a rerun of the end redoes both sides).
            caughtUp.TrySetCanceled(CancellationToken.None);
            await bylines.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        await bylines;

        Report("indexes", 1);
        Report("author counts", 0);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM bulk_load; ANALYZE paper_search",
            cancellationToken: cancellationToken, commandTimeout: 0));
        Report("author counts", 1);
    }

    /// <summary>
    /// Builds the deferred indexes and adds back the deferred foreign keys (each validated by one scan and join instead
    /// of a probe per inserted row) of the tables <paramref name="of"/> selects, those not there already, in
    /// <paramref name="tx"/>.
    /// </summary>
    private static async Task RestoreAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Func<string, bool> of, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition($"SET LOCAL maintenance_work_mem = '{MaintenanceWorkMem}'", transaction: tx, cancellationToken: cancellationToken));
        foreach (var (_, _, create) in DeferredIndexes.Where(i => of(i.Table)))
        {
            await connection.ExecuteAsync(new CommandDefinition(create, transaction: tx, cancellationToken: cancellationToken, commandTimeout: 0));
        }

        var present = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND contype = 'f'", transaction: tx, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, _, add) in DeferredForeignKeys.Where(k => of(k.Table) && !present.Contains(k.Name)))
        {
            await connection.ExecuteAsync(new CommandDefinition(add, transaction: tx, cancellationToken: cancellationToken, commandTimeout: 0));
        }
    }

    /// <summary>Index builds sort in memory up to maintenance_work_mem (64 MB by default): more makes fewer passes.</summary>
    private const string MaintenanceWorkMem = "512MB";

    // The end of a load opens its connections from the data source, not with OpenAsync: it also runs inside the
    // migration of a starting process (an orphaned load), which OpenAsync would wait for.

    /// <summary>
    /// Connections that compute search rows, one per client core (the server's work is CPU: the parse and stemming):
    /// the filler's while the writer goes on, and the end's for the rows the filler had not reached. In a 1M load on two
    /// cores a single filler connection indexed ≈ 5.5k papers/s while the writer stored ≈ 10k/s, so the end computed
    /// the other 450k; with spare cores, more filler connections keep up instead. On two cores the machine is busy
    /// either way (1M load: 154–159 s with two filler connections, 153–159 s with one).
    /// </summary>
    internal static int SearchWorkers { get; } = Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>
    /// Adds the search rows of every paper above <paramref name="searchedTo"/> that has none, in chunks of
    /// <paramref name="chunk"/> seqs on <see cref="SearchWorkers"/> connections, each chunk its own transaction (so a
    /// crash keeps what was committed and the next attempt computes only the rows still missing).
    /// </summary>
    private static async Task CatchUpSearchAsync(PostgresDatabase database, long searchedTo, long last, int chunk, Action<double> report, CancellationToken cancellationToken)
    {
        if (last <= searchedTo)
        {
            return;
        }

        await using var workers = await SearchConnections.OpenAsync(database, SearchWorkers, cancellationToken);
        await workers.AddRowsAsync(AddMissingSearchRowsSql, searchedTo, last, chunk, report, cancellationToken);
    }

    /// <summary>
    /// The connections a load computes search rows on (the filler's and the end's), each with
    /// <c>synchronous_commit = off</c> as the load's batches are, opened from the data source (see above).
    /// </summary>
    private sealed class SearchConnections : IAsyncDisposable
    {
        private readonly List<NpgsqlConnection> _connections = [];

        public int Count => _connections.Count;

        public static async Task<SearchConnections> OpenAsync(PostgresDatabase database, int count, CancellationToken cancellationToken)
        {
            var opened = new SearchConnections();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
                    opened._connections.Add(connection);
                    await connection.ExecuteAsync(new CommandDefinition("SET synchronous_commit = off", cancellationToken: cancellationToken));
                }

                return opened;
            }
            catch
            {
                await opened.DisposeAsync();
                throw;
            }
        }

        /// <summary>The first connection, for the bookkeeping between steps.</summary>
        public NpgsqlConnection First => _connections[0];

        /// <summary>
        /// Runs <paramref name="sql"/> (parameters <c>@from</c>, <c>@to</c>) over (<paramref name="from"/>,
        /// <paramref name="to"/>] in chunks of <paramref name="chunk"/> seqs, the chunks taken in turn by the connections;
        /// <paramref name="report"/> gets the share of chunks done, counted and told under one lock so it only grows.
        /// </summary>
        public async Task AddRowsAsync(string sql, long from, long to, long chunk, Action<double>? report, CancellationToken cancellationToken)
        {
            var chunks = (int)Math.Max(0, (to - from + chunk - 1) / chunk);
            var next = -1;
            var done = 0;
            var counted = new Lock();
            async Task WorkAsync(NpgsqlConnection connection)
            {
                for (var i = Interlocked.Increment(ref next); i < chunks; i = Interlocked.Increment(ref next))
                {
                    var low = from + (i * chunk);
                    await connection.ExecuteAsync(new CommandDefinition(
                        sql, new { from = low, to = Math.Min(to, low + chunk) }, cancellationToken: cancellationToken, commandTimeout: 0));
                    lock (counted)
                    {
                        report?.Invoke((double)++done / chunks);
                    }
                }
            }

            await Task.WhenAll(_connections.Take(chunks).Select(c => Task.Run(() => WorkAsync(c), cancellationToken)));
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in _connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The byline side of the end of a load: the deferred indexes other than the search index and the byline foreign
    /// keys at once, beside the search catch-up; the author counts of the loaded papers and the statistics of its
    /// tables once <paramref name="caughtUp"/> completes, beside the search index build (which would otherwise run
    /// alone on one core at the very end).
    /// </summary>
    private static async Task FinishBylinesAsync(PostgresDatabase database, long first, Task caughtUp, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        Task RunAsync(string sql, object? args = null) =>
            connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken, commandTimeout: 0));

        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            await RestoreAsync(connection, tx, table => table != SearchTable, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        await caughtUp.WaitAsync(cancellationToken);
        await RunAsync(
            """
            UPDATE authors a SET paper_count = c.n
            FROM (SELECT author_id, count(DISTINCT paper_seq) AS n FROM paper_authors
                  WHERE author_id IN (SELECT author_id FROM paper_authors WHERE paper_seq > @first) GROUP BY author_id) c
            WHERE a.id = c.author_id AND a.paper_count <> c.n
            """,
            new { first });

        // Statistics for the planner.
        await RunAsync("ANALYZE papers; ANALYZE authors; ANALYZE paper_authors");
    }

    /// <summary>
    /// Computes the search rows of the batches a load has committed, on connections of its own
    /// (<see cref="SearchWorkers"/>), while the writer goes on. Batches are written one at a time under the writer
    /// lock, each taking its seqs inside the lock, so a committed max(seq) has every earlier batch committed below it:
    /// the filler walks (searched_to, max(seq)], one slice per connection at a time, and moves its mark once every slice
    /// of a step is committed (a slice committed before a crash is kept; the end of the load adds only missing rows).
    /// It never decides correctness: it stops on its first error (logged)
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
                await using var connections = await SearchConnections.OpenAsync(database, SearchWorkers, stop);
                var connection = connections.First;
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

                    // One slice of the committed range per connection, all at once; the mark moves once every slice is in.
                    var to = Math.Min(high, from + ((long)SearchChunk * connections.Count));
                    await connections.AddRowsAsync(FillSearchSql, from, to, (to - from + connections.Count - 1) / connections.Count, null, stop);
                    await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE bulk_load SET searched_to = @to WHERE id = 1", new { to }, cancellationToken: stop));
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
            await FinishAsync(loader._database, held, progress, SearchChunk, cancellationToken);
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
