using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ResearchBot.Core.Ingestion;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// <c>LISTEN researchbot_papers</c>: when another process commits new papers (its batch notifies with the seq range
/// and its process token), this process reads them and tells its <see cref="IPaperAddedListener"/>s, so the in-memory
/// similarity index folds in papers stored anywhere. Its own batches are skipped (the ingestor already told them).
/// </summary>
internal sealed class PaperNotifications(PostgresDatabase database, PostgresPaperIndex papers, IServiceProvider services, TimeProvider timeProvider, ILogger<PaperNotifications> logger) : BackgroundService
{
    /// <summary>Tells this process's notifications from others'.</summary>
    public static readonly string ProcessToken = Guid.NewGuid().ToString("N")[..16];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                Log.ListenFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), timeProvider, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await database.MigrateAsync(stoppingToken);
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 15, ApplicationName = "researchbot-listen" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        var pending = System.Threading.Channels.Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => pending.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresPaperIndex.PapersChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        var reader = Task.Run(async () =>
        {
            await foreach (var payload in pending.Reader.ReadAllAsync(stoppingToken))
            {
                await FoldAsync(payload, stoppingToken);
            }
        }, stoppingToken);
        try
        {
            while (true)
            {
                await connection.WaitAsync(stoppingToken);
            }
        }
        finally
        {
            pending.Writer.TryComplete();
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Folds the papers of one notification (<c>from:to:token</c>) unless this process wrote them.</summary>
    internal async Task FoldAsync(string payload, CancellationToken cancellationToken)
    {
        var parts = payload.Split(':');
        if (parts.Length != 3 || parts[2] == ProcessToken
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            return;
        }

        var added = await papers.RangeAsync(from - 1, to, cancellationToken);
        if (added.Count == 0)
        {
            return;
        }

        foreach (var listener in services.GetServices<IPaperAddedListener>())
        {
            await listener.OnPapersAddedAsync(added, cancellationToken);
        }
    }
}
