using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using ResearchBot.Core.Coordination;

namespace ResearchBot.Storage.Postgres.Coordination;

/// <summary>
/// <see cref="IJobLeases"/> with PostgreSQL session advisory locks: each lease holds <c>pg_try_advisory_lock</c> on a
/// dedicated (unpooled) connection. A process that dies loses its session and so its locks, and another process takes
/// the job on its next try. The lease checks its connection every few seconds; when it drops,
/// <see cref="IJobLease.Lost"/> fires so the job stops (another process may hold it by then).
/// </summary>
internal sealed class PostgresJobLeases(PostgresDatabase database, TimeProvider timeProvider, ILogger<PostgresJobLeases> logger) : IJobLeases
{
    /// <summary>How often a held lease checks that its session is alive.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    /// <summary>The advisory lock key of a job: a stable 64-bit hash of its name (FNV-1a), in its own key space.</summary>
    public static long KeyOf(string job)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in "researchbot-job:" + job)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    public async Task<IJobLease?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false, // the lock lives as long as this very session
            KeepAlive = 5,
            TcpKeepAlive = true,
            ApplicationName = "researchbot-lease-" + job,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@k)", new { k = KeyOf(job) }, cancellationToken: cancellationToken)))
            {
                await connection.DisposeAsync();
                return null;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        Log.JobLeaseTaken(logger, job);
        return new Lease(job, connection, timeProvider, logger);
    }

    private sealed class Lease : IJobLease
    {
        private readonly NpgsqlConnection _connection;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _watch;
        private readonly ILogger _logger;
        private int _disposed;

        public Lease(string job, NpgsqlConnection connection, TimeProvider timeProvider, ILogger logger)
        {
            Job = job;
            _connection = connection;
            _logger = logger;
            _watch = WatchAsync(timeProvider);
        }

        public string Job { get; }

        public CancellationToken Lost => _lost.Token;

        private async Task WatchAsync(TimeProvider timeProvider)
        {
            using var timer = new PeriodicTimer(CheckEvery, timeProvider);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    // Still holding it? (a restarted server or a killed backend leaves no lock behind)
                    var held = await _connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted)",
                        cancellationToken: _stop.Token));
                    if (!held)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return; // given up by its holder
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                // The connection dropped: the lock went with the session.
            }

            Log.JobLeaseLost(_logger, Job);
            await _lost.CancelAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            await _stop.CancelAsync();
            try
            {
                await _watch;
            }
            catch (OperationCanceledException)
            {
            }

            await _connection.DisposeAsync(); // closing the unpooled session releases the lock
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
