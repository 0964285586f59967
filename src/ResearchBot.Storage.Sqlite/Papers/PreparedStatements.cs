using Microsoft.Data.Sqlite;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>
/// Commands prepared once per write batch and reused for every record: Microsoft.Data.Sqlite re-prepares a new
/// command each time, and on bulk imports the preparing cost more than the writing. Parameters are bound by
/// position in the order given on first use.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteCommand Bind(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            foreach (var (name, _) in args)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            _commands[sql] = command;
        }

        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i].Value ?? DBNull.Value;
        }

        return command;
    }

    public long? ScalarInt64(string sql, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Bind(sql, args).ExecuteScalar() is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Bind(sql, args).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
