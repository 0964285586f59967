using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Postgres.Similarity;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// <c>LISTEN researchbot_papers</c>: when another process commits new papers (its batch notifies with the seq range
/// and its process token), this process reads them and tells its <see cref="IPaperAddedListener"/>s, so the in-memory
/// similarity index folds in papers stored anywhere. <c>LISTEN researchbot_models</c>: when another process completes
/// a similarity model version (a refit, a neural model), its <see cref="ISimilarityModelListener"/>s load it. Its own
/// notifications are skipped (its index already has them). Both channels are scoped to the schema
/// (<see cref="PostgresDatabase.ChannelName"/>).
/// </summary>
internal sealed class PaperNotifications(PostgresDatabase database, PostgresPaperIndex papers, IServiceProvider services, TimeProvider timeProvider, ILogger<PaperNotifications> logger) : BackgroundService
{
    /// <summary>Completes once this service listens on both channels (tests wait for it).</summary>
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Task Listening => _listening.Task;

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
        var pending = System.Threading.Channels.Channel.CreateUnbounded<(string Channel, string Payload)>();
        connection.Notification += (_, e) => pending.Writer.TryWrite((e.Channel, e.Payload));
        var models = database.ChannelName(PostgresSimilarityStore.ModelsChannel);
        await using (var listen = new NpgsqlCommand(
            $"LISTEN {Quote(database.ChannelName(PostgresPaperIndex.PapersChannel))}; LISTEN {Quote(models)}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        _listening.TrySetResult();
        var reader = Task.Run(async () =>
        {
            await foreach (var (channel, payload) in pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (channel == models)
                    {
                        await ReloadModelAsync(payload, stoppingToken);
                    }
                    else
                    {
                        await FoldAsync(payload, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One notification that could not be handled must not stop the others (a later one, or a restart, catches up).
                    Log.NotificationFailed(logger, ex, channel, payload);
                }
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
        if (parts.Length != 3 || parts[2] == database.ProcessToken
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

    /// <summary>Tells the model listeners of one notification (<c>version:token:kind</c>) unless this process stored it.</summary>
    internal async Task ReloadModelAsync(string payload, CancellationToken cancellationToken)
    {
        var parts = payload.Split(':', 3);
        if (parts.Length != 3 || parts[1] == database.ProcessToken || parts[2].Length == 0
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return;
        }

        Log.ModelAnnounced(logger, parts[2], version);
        foreach (var listener in services.GetServices<ISimilarityModelListener>())
        {
            await listener.OnModelStoredAsync(parts[2], version, cancellationToken);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
