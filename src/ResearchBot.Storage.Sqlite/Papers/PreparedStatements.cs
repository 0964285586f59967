using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>
/// Statements prepared once per write batch and reused for every record, driven through SQLitePCL.raw on the
/// connection's own handle (so they run inside the caller's transaction). Microsoft.Data.Sqlite re-prepares each
/// command and adds per-parameter and per-step work; on bulk imports that layer cost more than SQLite itself.
/// Parameters are named in the SQL (<c>@name</c>) and mapped to their positions once, on first use.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly sqlite3 _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
    private readonly Dictionary<string, (sqlite3_stmt Handle, int[] Slots)> _statements = new(StringComparer.Ordinal);

    /// <summary>Runs a query; read its rows with <see cref="Rows.Read"/> and dispose it (which resets the statement).</summary>
    public Rows Query(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => new(Bound(sql, args), _db);

    /// <summary>The first column of the first row, or null when there is no row or it is NULL.</summary>
    public long? ScalarInt64(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        using var rows = Query(sql, args);
        return rows.Read() && !rows.IsNull(0) ? rows.GetInt64(0) : null;
    }

    /// <summary>Runs a statement to its end; returns the number of rows it changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        using (var rows = Query(sql, args))
        {
            while (rows.Read())
            {
                // e.g. PRAGMA answers with a row
            }
        }

        return raw.sqlite3_changes(_db);
    }

    /// <summary>Runs an <c>INSERT</c> and returns the new row's rowid.</summary>
    public long Insert(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        Execute(sql, args);
        return raw.sqlite3_last_insert_rowid(_db);
    }

    public void Dispose()
    {
        foreach (var (handle, _) in _statements.Values)
        {
            handle.Dispose();
        }

        _statements.Clear();
    }

    private sqlite3_stmt Bound(string sql, ReadOnlySpan<(string Name, object? Value)> args)
    {
        var db = _db;
        if (!_statements.TryGetValue(sql, out var statement))
        {
            var rc = raw.sqlite3_prepare_v2(db, sql, out var handle);
            SqliteException.ThrowExceptionForRC(rc, db);
            var slots = new int[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                slots[i] = raw.sqlite3_bind_parameter_index(handle, args[i].Name);
                if (slots[i] == 0)
                {
                    handle.Dispose();
                    throw new ArgumentException($"No parameter {args[i].Name} in: {sql}", nameof(sql));
                }
            }

            statement = (handle, slots);
            _statements[sql] = statement;
        }

        var (stmt, at) = statement;
        for (var i = 0; i < args.Length; i++)
        {
            var rc = args[i].Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(stmt, at[i]),
                string s => raw.sqlite3_bind_text16(stmt, at[i], s),
                long l => raw.sqlite3_bind_int64(stmt, at[i], l),
                int n => raw.sqlite3_bind_int64(stmt, at[i], n),
                bool b => raw.sqlite3_bind_int64(stmt, at[i], b ? 1 : 0),
                double d => raw.sqlite3_bind_double(stmt, at[i], d),
                var other => raw.sqlite3_bind_text16(stmt, at[i], Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
            };
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return stmt;
    }

    /// <summary>The rows of a running query; disposing resets the statement for its next use.</summary>
    public readonly struct Rows(sqlite3_stmt statement, sqlite3 db) : IDisposable
    {
        public bool Read()
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_ROW)
            {
                return true;
            }

            if (rc != raw.SQLITE_DONE)
            {
                raw.sqlite3_reset(statement);
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            return false;
        }

        public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public long GetInt64(int column) => raw.sqlite3_column_int64(statement, column);

        public string? GetString(int column) => IsNull(column) ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();

        public void Dispose() => raw.sqlite3_reset(statement);
    }
}
