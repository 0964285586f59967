using Npgsql;

namespace ResearchBot.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>RESEARCHBOT_TEST_POSTGRES</c> (a connection string), else a local server on
/// 127.0.0.1:55432 as user postgres. Tests skip when none answers, unless <c>RESEARCHBOT_REQUIRE_POSTGRES=1</c> (CI),
/// where that is a failure. Each test gets a schema of its own, dropped afterwards.
/// </summary>
internal static class PostgresServer
{
    public const string ConnectionVariable = "RESEARCHBOT_TEST_POSTGRES";
    public const string RequireVariable = "RESEARCHBOT_REQUIRE_POSTGRES";

    /// <summary>
    /// Test classes that start bulk loads (or copies, which are bulk loads) share this collection, so they do not run in
    /// parallel: a bulk load holds an advisory lock of the whole database, whatever the test's schema, and a second one
    /// is refused ("Another bulk load is running").
    /// </summary>
    public const string BulkLockCollection = "PostgreSQL bulk-load lock";

    private static readonly Lazy<Task<string?>> Reachable = new(ProbeAsync);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Timeout=3";

    /// <summary>The server's connection string; skips (or in CI fails) the calling test when it does not answer.</summary>
    public static async Task<string> RequireOrSkipAsync()
    {
        if (await Reachable.Value is { } problem)
        {
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            {
                Assert.Fail($"{RequireVariable}=1 but no PostgreSQL server answers ({ConnectionVariable}): {problem}");
            }

            Assert.Skip($"no PostgreSQL server answers (set {ConnectionVariable}): {problem}");
        }

        return ConnectionString;
    }

    /// <summary>A fresh schema; returns a connection string whose search path starts with it.</summary>
    public static async Task<(string ConnectionString, string Schema)> NewSchemaAsync()
    {
        var cs = await RequireOrSkipAsync();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return (new NpgsqlConnectionStringBuilder(cs) { SearchPath = $"{schema},public" }.ConnectionString, schema);
    }

    public static async Task DropSchemaAsync(string schema)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ProbeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            return ex.Message;
        }
    }
}
