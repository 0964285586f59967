using System.Net.Sockets;

namespace ResearchBot.Tests.Scale;

/// <summary>
/// The PostgreSQL server for multi-process tests: <c>RESEARCHBOT_TEST_POSTGRES</c> (an Npgsql connection string,
/// default <c>Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres</c>). Tests skip when nothing listens there,
/// unless <c>RESEARCHBOT_REQUIRE_POSTGRES=1</c> (CI), where that is a failure.
/// </summary>
internal static class PostgresServer
{
    public const string ConnectionVariable = "RESEARCHBOT_TEST_POSTGRES";
    public const string RequireVariable = "RESEARCHBOT_REQUIRE_POSTGRES";
    private const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } s ? s : DefaultConnection;

    /// <summary>Returns the connection string, or skips (fails in CI) when no server answers on its host and port.</summary>
    public static async Task<string> RequireOrSkipAsync()
    {
        var (host, port) = HostAndPort(ConnectionString);
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(host, port, cts.Token);
            return ConnectionString;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            var why = $"no PostgreSQL server at {host}:{port} (set {ConnectionVariable})";
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            {
                Assert.Fail($"{RequireVariable}=1 but {why}");
            }

            Assert.Skip(why);
            throw;
        }
    }

    private static (string Host, int Port) HostAndPort(string connectionString)
    {
        var host = "127.0.0.1";
        var port = 5432;
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var key = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            if (key is "host" or "server")
            {
                host = value.Split(',')[0];
            }
            else if (key == "port" && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                port = p;
            }
        }

        return (host, port);
    }
}
