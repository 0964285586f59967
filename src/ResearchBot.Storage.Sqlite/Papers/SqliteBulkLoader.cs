using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Ingestion;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>
/// Bulk loads: the per-row FTS5 trigger is replaced by one <c>INSERT … SELECT</c> at the end, and author paper
/// counts are recounted once at the end instead of per paper. A marker row in <c>bulk_load</c> makes an
/// interrupted load finish on the next start (<see cref="FinishPendingAsync"/>).
/// </summary>
internal sealed class SqliteBulkLoader(SqliteDatabase database, BulkLoadState state, TimeProvider? timeProvider = null, ILogger<SqliteBulkLoader>? logger = null) : IBulkLoader
{
    private readonly SqliteDatabase _database = database;
    private readonly BulkLoadState _state = state;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    private const string InsertTrigger = """
        CREATE TRIGGER IF NOT EXISTS papers_ai AFTER INSERT ON papers BEGIN
            INSERT INTO papers_fts (rowid, title, abstract) VALUES (new.seq, new.title, new.abstract);
        END;
        """;

    private static string UpdateTrigger(string when) => $"""
        CREATE TRIGGER IF NOT EXISTS papers_au AFTER UPDATE OF title, abstract ON papers {when} BEGIN
            INSERT INTO papers_fts (papers_fts, rowid, title, abstract) VALUES ('delete', old.seq, old.title, old.abstract);
            INSERT INTO papers_fts (rowid, title, abstract) VALUES (new.seq, new.title, new.abstract);
        END;
        """;

    /// <summary>The title-key index (merges on title probe it); declared first, DeferredIndexes uses it.</summary>
    internal static readonly (string Name, string Create) TitleIndex = ("papers_title_key", "CREATE INDEX IF NOT EXISTS papers_title_key ON papers (title_key)");

    /// <summary>
    /// Secondary indexes that the writes of a load do not read: dropped when a load begins and built once, by a sort,
    /// when it ends (or when an interrupted one is finished), instead of taking a random B-tree insert per row.
    /// Same definitions as the migrations. Records with an arXiv id probe titles through the small partial index
    /// <c>papers_title_key_noarxiv</c> (papers without one), which stays; a writer that needs the full title index
    /// (a record without an arXiv id) rebuilds it first (<see cref="PaperWriter"/>, <see cref="TitleIndex"/>).
    /// </summary>
    internal static readonly (string Name, string Create)[] DeferredIndexes =
    [
        ("papers_indexed_at", "CREATE INDEX IF NOT EXISTS papers_indexed_at ON papers (indexed_at)"),
        ("paper_authors_author", "CREATE INDEX IF NOT EXISTS paper_authors_author ON paper_authors (author_id, paper_seq)"),
        (TitleIndex.Name, TitleIndex.Create),
    ];

    // FTS5 flushes its in-memory term lists to a new segment whenever they exceed 'hashsize' (1 MB by default) and
    // merges segments as they pile up; one bulk insert with 64 MB lists writes fewer, bigger segments (-20 % time).
    private const int BulkFtsHashSize = 64 << 20;
    private const int DefaultFtsHashSize = 1 << 20;

    /// <summary>The lock file a running load holds exclusively (released by the OS if its process dies).</summary>
    public static string LockPath(string databasePath) => databasePath + ".bulk-lock";

    /// <summary>True while another process holds the bulk-load lock on this database.</summary>
    public static bool IsRunningElsewhere(string databasePath)
    {
        try
        {
            using var probe = new FileStream(LockPath(databasePath), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // no load has ever run here
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async Task<IBulkLoad> BeginAsync(CancellationToken cancellationToken)
    {
        _state.Enter();
        FileStream? held = null;
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken); // migrated: the folder exists

            // Other processes (the bot, `ask`) see the lock and leave the pending marker to us instead of "recovering"
            // a load that is still running.
            try
            {
                held = new FileStream(LockPath(_database.DatabasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException))
            {
                throw new InvalidOperationException("Another bulk load is running on this database.", ex);
            }

            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var from = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(seq), 0) FROM papers", transaction: tx, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT OR REPLACE INTO bulk_load (id, fts_from_seq, started_at) VALUES (1, @from, @now)",
                new { from, now = _time.GetUtcNow().ToUnixTimeMilliseconds() }, tx, cancellationToken: cancellationToken));
            // Rows added during the load are indexed at the end; updates of rows already indexed keep the index exact.
            await connection.ExecuteAsync(new CommandDefinition(
                "DROP TRIGGER IF EXISTS papers_ai; DROP TRIGGER IF EXISTS papers_au; " + UpdateTrigger($"WHEN old.seq <= {from}")
                + string.Concat(DeferredIndexes.Select(i => $"DROP INDEX IF EXISTS {i.Name};")),
                transaction: tx, cancellationToken: cancellationToken));
            await tx.CommitAsync(cancellationToken);
            return new Load(this, held);
        }
        catch
        {
            held?.Dispose();
            _state.Exit();
            throw;
        }
    }

    /// <summary>Papers added to the search index per statement, so progress can be told (one transaction all the same).</summary>
    internal const int FtsChunk = 50_000;

    /// <summary>Finishes a load: this process's own, or one left by a process that died mid-way; a no-op when none is pending.</summary>
    /// <remarks>One transaction: cancelled or failed, nothing of it stays and the marker makes the next start do it.</remarks>
    public static async Task FinishPendingAsync(SqliteConnection connection, IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken, int ftsChunk = FtsChunk)
    {
        // The index builds sort millions of rows: in temporary files (mostly the OS page cache), not in this process's
        // memory (connections use temp_store = MEMORY), so memory does not grow with the load; it is faster too.
        // Every open sets temp_store again, so this lasts as long as this use of the connection.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA temp_store = FILE", cancellationToken: cancellationToken));
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var from = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT fts_from_seq FROM bulk_load WHERE id = 1", transaction: tx, cancellationToken: cancellationToken));
        if (from is not { } first)
        {
            return;
        }

        Task RunAsync(string sql, object? args = null) =>
            connection.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: cancellationToken, commandTimeout: 0));

        // Rowid ranges of the papers table, so each statement reads its slice in order; FTS5 keeps its term lists in
        // memory across the statements and flushes them by size, as one statement would.
        var last = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(seq), 0) FROM papers", transaction: tx, cancellationToken: cancellationToken));
        progress?.Report(new BulkLoadProgress("search index", 0));
        await RunAsync($"INSERT INTO papers_fts (papers_fts, rank) VALUES ('hashsize', {BulkFtsHashSize})");
        for (var lo = first; lo < last; lo += ftsChunk)
        {
            var hi = Math.Min(last, lo + ftsChunk);
            await RunAsync("INSERT INTO papers_fts (rowid, title, abstract) SELECT seq, title, abstract FROM papers WHERE seq > @lo AND seq <= @hi", new { lo, hi });
            progress?.Report(new BulkLoadProgress("search index", (double)(hi - first) / (last - first)));
        }

        await RunAsync($"""
            INSERT INTO papers_fts (papers_fts, rank) VALUES ('hashsize', {DefaultFtsHashSize});
            DROP TRIGGER IF EXISTS papers_au;
            {InsertTrigger}
            {UpdateTrigger("")}
            """);
        progress?.Report(new BulkLoadProgress("indexes", 0));
        for (var i = 0; i < DeferredIndexes.Length; i++)
        {
            await RunAsync(DeferredIndexes[i].Create);
            progress?.Report(new BulkLoadProgress("indexes", (i + 1.0) / DeferredIndexes.Length));
        }

        progress?.Report(new BulkLoadProgress("author counts", 0));
        await RunAsync(
            """
            UPDATE authors SET paper_count = (SELECT count(DISTINCT paper_seq) FROM paper_authors WHERE author_id = authors.id)
            WHERE id IN (SELECT DISTINCT author_id FROM paper_authors WHERE paper_seq > @first);
            DELETE FROM bulk_load;
            """,
            new { first });
        progress?.Report(new BulkLoadProgress("author counts", 1));
        await tx.CommitAsync(cancellationToken);
    }

    internal sealed class Load(SqliteBulkLoader loader, FileStream held) : IBulkLoad
    {
        private bool _done;
        private bool _tried;

        /// <summary>What a process death does, for tests: the OS drops the lock and nothing is finished.</summary>
        internal void Abandon() => Release();

        /// <summary>Ends this load in this process (lock file and writers' state), once, finished or not.</summary>
        private void Release()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            held.Dispose();
            loader._state.Exit();
        }

        public async Task CompleteAsync(IProgress<BulkLoadProgress>? progress, CancellationToken cancellationToken)
        {
            if (_done)
            {
                return;
            }

            _tried = true;
            await using (var connection = await loader._database.OpenAsync(cancellationToken))
            {
                await FinishPendingAsync(connection, progress, cancellationToken);
            }

            Release();
        }

        public async ValueTask DisposeAsync()
        {
            if (_done)
            {
                return;
            }

            try
            {
                // Abandoned before completing (a failure, a cancellation): finish now so the index is whole. Once a
                // completion was tried and failed, or when this one fails, the marker stays and the next start finishes
                // the load; disposal never throws, so a failed import ends with its own message, not a stack trace.
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
                Release();
            }
        }
    }
}
