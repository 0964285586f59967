using Dapper;
using Microsoft.Data.Sqlite;
using ResearchBot.Core.Ingestion;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>
/// Bulk loads: the per-row FTS5 trigger is replaced by one <c>INSERT … SELECT</c> at the end, and author paper
/// counts are recounted once at the end instead of per paper. A marker row in <c>bulk_load</c> makes an
/// interrupted load finish on the next start (<see cref="FinishPendingAsync"/>).
/// </summary>
internal sealed class SqliteBulkLoader(SqliteDatabase database, BulkLoadState state) : IBulkLoader
{
    private readonly SqliteDatabase _database = database;
    private readonly BulkLoadState _state = state;

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

    public async Task<IBulkLoad> BeginAsync(CancellationToken cancellationToken)
    {
        _state.Enter();
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var from = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(seq), 0) FROM papers", transaction: tx, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT OR REPLACE INTO bulk_load (id, fts_from_seq, started_at) VALUES (1, @from, @now)",
                new { from, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx, cancellationToken: cancellationToken));
            // Rows added during the load are indexed at the end; updates of rows already indexed keep the index exact.
            await connection.ExecuteAsync(new CommandDefinition(
                "DROP TRIGGER IF EXISTS papers_ai; DROP TRIGGER IF EXISTS papers_au; " + UpdateTrigger($"WHEN old.seq <= {from}"),
                transaction: tx, cancellationToken: cancellationToken));
            await tx.CommitAsync(cancellationToken);
            return new Load(this);
        }
        catch
        {
            _state.Exit();
            throw;
        }
    }

    /// <summary>Finishes a load left by a process that died mid-way; a no-op when none is pending.</summary>
    public static async Task FinishPendingAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var from = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT fts_from_seq FROM bulk_load WHERE id = 1", transaction: tx, cancellationToken: cancellationToken));
        if (from is null)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO papers_fts (rowid, title, abstract) SELECT seq, title, abstract FROM papers WHERE seq > @from;
            DROP TRIGGER IF EXISTS papers_au;
            {InsertTrigger}
            {UpdateTrigger("")}
            UPDATE authors SET paper_count = (SELECT count(DISTINCT paper_seq) FROM paper_authors WHERE author_id = authors.id)
            WHERE id IN (SELECT DISTINCT author_id FROM paper_authors WHERE paper_seq > @from);
            DELETE FROM bulk_load;
            """,
            new { from }, tx, cancellationToken: cancellationToken, commandTimeout: 0));
        await tx.CommitAsync(cancellationToken);
    }

    private sealed class Load(SqliteBulkLoader loader) : IBulkLoad
    {
        private bool _done;

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_done)
            {
                return;
            }

            await using (var connection = await loader._database.OpenAsync(cancellationToken))
            {
                await FinishPendingAsync(connection, cancellationToken);
            }

            _done = true;
            loader._state.Exit();
        }

        public async ValueTask DisposeAsync()
        {
            if (_done)
            {
                return;
            }

            try
            {
                // Abandoned (failure, cancellation): finish now so the index is whole; the next start retries otherwise.
                await CompleteAsync(CancellationToken.None);
            }
            finally
            {
                loader._state.Exit();
            }
        }
    }
}
