using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using ResearchBot.Core.Progress;
using ResearchBot.Storage.Postgres.Papers;

namespace ResearchBot.Storage.Postgres;

/// <summary>What <see cref="CopyFromSqlite"/> did, table by table (rows copied in this run).</summary>
public sealed record CopySummary(IReadOnlyList<(string Table, long Rows)> Tables);

/// <summary>
/// Moves a SQLite index (any ADO.NET connection to it) into this PostgreSQL database, table by table, keys and all:
/// papers, authors and bylines, author metrics, similarity models and their vectors (per model version), subscriptions
/// (keyword and <c>like:</c>, with their example papers and fitted models), the outbox, the votes on it and its state,
/// the <c>like:</c> backlog, source cursors and cache. Rows go in key order in committed chunks through binary <c>COPY</c>, so a copy that
/// stops (Ctrl-C, a crash) resumes after the last chunk on the next run. The search and secondary indexes are built
/// once at the end, as a bulk load does.
/// </summary>
public sealed class CopyFromSqlite(PostgresDatabase target, ILogger<CopyFromSqlite>? logger = null)
{
    /// <summary>Rows per committed chunk.</summary>
    public const int Chunk = 20_000;

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    private sealed record Column(string Name, NpgsqlDbType Type);

    /// <summary>A table copied in key order; with <paramref name="Key2"/> the key is (Key, Key2), copied Key value by Key value in Key2 order.</summary>
    private sealed record Table(string Name, string Key, Column[] Columns, string? Key2 = null);

    private static Column C(string name, NpgsqlDbType type = NpgsqlDbType.Bigint) => new(name, type);

    private const NpgsqlDbType Text = NpgsqlDbType.Text;

    /// <summary>Tables with an increasing integer key, in foreign-key order.</summary>
    private static readonly Table[] Keyed =
    [
        new("papers", "seq", [C("seq"), C("id", Text), C("arxiv_id", Text), C("doi", Text), C("title_key", Text), C("title", Text), C("abstract", Text), C("authors", Text),
            C("authors_truncated"), C("published", Text), C("published_year_only"), C("updated", Text), C("categories", Text), C("venue", Text), C("arxiv_version"),
            C("url", Text), C("citations"), C("upvotes"), C("sources", Text), C("indexed_at")]),
        new("authors", "id", [C("id"), C("display_name", Text), C("surname_key", Text), C("given_key", Text), C("paper_count")]),
        new("paper_authors", "paper_seq", [C("paper_seq"), C("position"), C("author_id"), C("name", Text)]),
        new("author_metrics", "author_id", [C("author_id"), C("source", Text), C("data", Text), C("retrieved_at")]),
        new("similarity_models", "version", [C("version", NpgsqlDbType.Integer), C("kind", Text), C("dimensions"), C("fitted_on"), C("created_at"), C("data", NpgsqlDbType.Bytea)]),
        new("similarity_vectors", "model_version", [C("model_version"), C("seq"), C("year"), C("categories", Text), C("vector", NpgsqlDbType.Bytea)], Key2: "seq"),
        new("alert_subscriptions", "id", [C("id"), C("platform", Text), C("workspace", Text), C("channel", Text), C("query", Text), C("mode"), C("digest_at", Text), C("time_zone", Text),
            C("created_by", Text), C("created_at"), C("start_after_seq"), C("match_count"), C("last_delivered_at"), C("disabled_at"), C("disabled_reason", Text), C("removed_at"),
            C("per_week", NpgsqlDbType.Double), C("max_shown")]),
        new("alert_examples", "subscription_id", [C("subscription_id"), C("position"), C("paper_seq")]),
        new("alert_models", "subscription_id", [C("subscription_id"), C("space_id", Text), C("weights", NpgsqlDbType.Bytea), C("bias", NpgsqlDbType.Double), C("threshold", NpgsqlDbType.Double), C("fitted_at")]),
        new("alert_outbox", "id", [C("id"), C("platform", Text), C("workspace", Text), C("channel", Text), C("paper_seq"), C("subscription_id"), C("score", NpgsqlDbType.Double), C("why", Text),
            C("created_at"), C("due_at"), C("state"), C("attempts"), C("next_attempt_at"), C("message_key", Text), C("claimed_at"), C("first_claimed_at"), C("sent_at"), C("last_error", Text)]),
        new("alert_votes", "alert_id", [C("alert_id"), C("user_id", Text), C("platform", Text), C("workspace", Text), C("channel", Text), C("subscription_id"), C("paper_seq"), C("vote"), C("voted_at")]),
        new("alert_like_backlog", "paper_seq", [C("paper_seq")]),
    ];

    /// <summary>Small tables keyed by text: upserted whole (the source wins).</summary>
    private static readonly (string Name, string Key, string[] Columns)[] Small =
    [
        ("alert_state", "key", ["key", "value"]),
        ("source_cursors", "source", ["source", "cursor", "updated_at"]),
        ("source_cache", "key", ["key", "value", "stored_at"]),
    ];

    private static readonly (string Table, string Column)[] Sequences =
    [
        ("papers", "seq"), ("authors", "id"), ("similarity_models", "version"), ("alert_subscriptions", "id"), ("alert_outbox", "id"),
    ];

    /// <summary>Copies what is not there yet; safe to run again after an interruption or after new rows arrived in the source.</summary>
    public async Task<CopySummary> CopyAsync(DbConnection source, IProgressReporter progress, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(source, "SELECT count(*) FROM bulk_load", cancellationToken) > 0)
        {
            throw new InvalidOperationException("The SQLite index has an unfinished bulk load: run `researchbot migrate` with Storage:Provider=Sqlite first.");
        }

        await target.MigrateAsync(cancellationToken);
        var copied = new List<(string, long)>();
        var loader = new PostgresBulkLoader(target, new BulkLoadState());
        await using (var load = await loader.BeginAsync(cancellationToken))
        {
            foreach (var table in Keyed)
            {
                copied.Add((table.Name, await CopyKeyedAsync(source, table, progress, cancellationToken)));
            }

            foreach (var (name, key, columns) in Small)
            {
                copied.Add((name, await CopySmallAsync(source, name, key, columns, cancellationToken)));
            }

            await using (var connection = await target.OpenAsync(cancellationToken))
            {
                foreach (var (table, column) in Sequences)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), greatest((SELECT coalesce(max({column}), 0) FROM {table}), 1))",
                        cancellationToken: cancellationToken));
                }
            }

            using var finishing = progress.Start("indexes and counts", null);
            await load.CompleteAsync(new Progress<Core.Ingestion.BulkLoadProgress>(p => finishing.Report(0, p.Fraction, p.Step)), cancellationToken);
        }

        return new CopySummary(copied);
    }

    private async Task<long> CopyKeyedAsync(DbConnection source, Table table, IProgressReporter progress, CancellationToken cancellationToken)
    {
        var total = await ScalarAsync(source, $"SELECT count(*) FROM {table.Name}", cancellationToken);
        using var tracker = progress.Start($"copy {table.Name}", "rows");
        if (table.Key2 is not { } key2)
        {
            var after = await MaxInTargetAsync(table.Key, table.Name, "", null, cancellationToken);
            var done = await ScalarAsync(source, $"SELECT count(*) FROM {table.Name} WHERE {table.Key} <= {after}", cancellationToken);
            return await CopyRangeAsync(source, table, table.Key, "", after, done, total, tracker, cancellationToken);
        }

        // Keyed by (Key, Key2), e.g. vectors by (model version, seq): each Key value resumes after its own greatest Key2,
        // so rows that arrived for an older model version (a paper the LSA engine projected later) are not skipped.
        var keys = new List<long>();
        await using (var list = source.CreateCommand())
        {
            list.CommandText = $"SELECT DISTINCT {table.Key} FROM {table.Name} ORDER BY {table.Key}";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetInt64(0));
            }
        }

        var starts = new List<(long Key, long After)>();
        long already = 0;
        foreach (var key in keys)
        {
            var after = await MaxInTargetAsync(key2, table.Name, $"{table.Key} = @key AND ", key, cancellationToken);
            already += await ScalarAsync(source, $"SELECT count(*) FROM {table.Name} WHERE {table.Key} = {key} AND {key2} <= {after}", cancellationToken);
            starts.Add((key, after));
        }

        long copied = 0;
        foreach (var (key, after) in starts)
        {
            var rows = await CopyRangeAsync(source, table, key2, $"{table.Key} = {key} AND ", after, already, total, tracker, cancellationToken);
            copied += rows;
            already += rows;
        }

        return copied;
    }

    private async Task<long> MaxInTargetAsync(string column, string table, string where, long? key, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT coalesce(max({column}), 0) FROM {table} WHERE {where}true", new { key }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Copies the rows after <paramref name="after"/> in <paramref name="order"/> (within <paramref name="scope"/>, a
    /// condition ending in AND, or empty), in chunks read in that order and committed together: rows of whole key values
    /// (a paper's whole byline). Returns how many rows it copied.
    /// </summary>
    private async Task<long> CopyRangeAsync(DbConnection source, Table table, string order, string scope, long after, long done, long total, IProgressTracker tracker, CancellationToken cancellationToken)
    {
        tracker.Report(done, total == 0 ? 1 : Math.Min(1, (double)done / total));
        long copied = 0;
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var keyIndex = Array.FindIndex(table.Columns, c => c.Name == order);
        while (true)
        {
            await using var read = source.CreateCommand();
            read.CommandText = $"SELECT {columns} FROM {table.Name} WHERE {scope}{order} > $after AND {order} <= (SELECT max({order}) FROM (SELECT {order} FROM {table.Name} WHERE {scope}{order} > $after ORDER BY {order} LIMIT {Chunk})) ORDER BY {order}";
            AddParameter(read, "$after", after);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await using var connection = await target.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            long rows = 0;
            var last = after;
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    await copy.StartRowAsync(cancellationToken);
                    for (var i = 0; i < table.Columns.Length; i++)
                    {
                        await WriteAsync(copy, reader, i, table.Columns[i].Type, cancellationToken);
                    }

                    last = reader.GetInt64(keyIndex);
                    rows++;
                }

                if (rows == 0)
                {
                    break;
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            after = last;
            copied += rows;
            done += rows;
            tracker.Report(done, total == 0 ? 1 : Math.Min(1, (double)done / total));
        }

        return copied;
    }

    private static void AddParameter(DbCommand command, string name, long value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, DbDataReader reader, int i, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (await reader.IsDBNullAsync(i, cancellationToken))
        {
            await copy.WriteNullAsync(cancellationToken);
            return;
        }

        switch (type)
        {
            case NpgsqlDbType.Bigint:
                await copy.WriteAsync(reader.GetInt64(i), type, cancellationToken);
                break;
            case NpgsqlDbType.Integer:
                await copy.WriteAsync(reader.GetInt32(i), type, cancellationToken);
                break;
            case NpgsqlDbType.Double:
                await copy.WriteAsync(reader.GetDouble(i), type, cancellationToken);
                break;
            case NpgsqlDbType.Bytea:
                await copy.WriteAsync(reader.GetFieldValue<byte[]>(i), type, cancellationToken);
                break;
            default:
                await copy.WriteAsync(reader.GetString(i), type, cancellationToken);
                break;
        }
    }

    private async Task<long> CopySmallAsync(DbConnection source, string name, string key, string[] columns, CancellationToken cancellationToken)
    {
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", columns)} FROM {name}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var sql = $"INSERT INTO {name} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) "
            + $"ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", columns.Where(c => c != key).Select(c => $"{c} = excluded.{c}"))}";
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var args = new DynamicParameters();
            for (var i = 0; i < columns.Length; i++)
            {
                args.Add(columns[i], reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            await connection.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: cancellationToken));
            rows++;
        }

        await tx.CommitAsync(cancellationToken);
        return rows;
    }

    private static async Task<long> ScalarAsync(DbConnection source, string sql, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
