using Dapper;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Storage.Shared;

/// <summary>
/// The <see cref="LikePercolator"/> over the active <c>like:</c> subscriptions, rebuilt when a subscription or a model
/// changed (<c>subscriptions_version</c>, <c>models_version</c>, read inside the caller's write transaction) or the
/// engine's space did. With several processes (PostgreSQL) the versions are read under the paper writers' lock, so
/// every process's batch sees the models committed before it. A model fitted in another space (a refit, an engine switch) or not fitted yet is refitted from
/// its evidence as the engine projects it now, and stored in the same transaction: nothing is compared across spaces
/// and nothing learned is lost (written by the backend's <see cref="AlertSqlDialect.WriteModel"/>). Example papers'
/// vectors are kept between rebuilds of the same space.
/// </summary>
internal sealed class LikePercolatorCache(IServiceProvider services, TimeProvider timeProvider, AlertSqlDialect dialect, ILogger<LikePercolatorCache> logger) : IDisposable
{
    // Resolved on first use: LikeAlertModels reads papers through IPaperIndex, whose writer owns this cache's participant.
    private LikeAlertModels? _models;

    private LikeAlertModels Models => _models ??= services.GetRequiredService<LikeAlertModels>();

    private (long Subscriptions, long Models, string? Space, LikePercolator Percolator, bool Any) _current = (-1, -1, null, LikePercolator.Empty, false);
    private readonly Dictionary<long, LikeExample> _examples = [];
    private string? _examplesSpace;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Whether any active subscription is a <c>like:</c> one (known after the last <see cref="GetAsync"/>).</summary>
    public async Task<(LikePercolator Percolator, bool Any)> GetAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await BuildAsync(connection, tx, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(LikePercolator Percolator, bool Any)> BuildAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        var models = Models;
        var space = models.SpaceId;
        var (subscriptions, modelVersion) = await VersionsAsync(connection, tx, cancellationToken);
        var current = _current;
        if (current.Subscriptions == subscriptions && current.Models == modelVersion && current.Space == space)
        {
            return (current.Percolator, current.Any);
        }

        var rows = (await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {SubscriptionRow.Columns} FROM alert_subscriptions WHERE disabled_at IS NULL AND removed_at IS NULL AND query LIKE '%like:%' ORDER BY id",
            transaction: tx, cancellationToken: cancellationToken))).Select(r => r.ToSubscription()).Where(s => s.IsLike).ToList();
        if (rows.Count == 0 || space is null || !models.Available)
        {
            _current = (subscriptions, modelVersion, space, LikePercolator.Empty, rows.Count > 0);
            return (LikePercolator.Empty, rows.Count > 0);
        }

        var stored = (await connection.QueryAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelRow.Columns} FROM alert_models", transaction: tx, cancellationToken: cancellationToken))).ToDictionary(r => r.Subscription_Id, r => r.ToModel());
        var examples = (await connection.QueryAsync<(long Sub, long Seq)>(new CommandDefinition(
            "SELECT subscription_id, paper_seq FROM alert_examples ORDER BY subscription_id, position", transaction: tx, cancellationToken: cancellationToken)))
            .GroupBy(e => e.Sub).ToDictionary(g => g.Key, g => g.Select(e => e.Seq).ToList());

        if (_examplesSpace != space)
        {
            _examples.Clear();
            _examplesSpace = space;
        }

        var missing = examples.Values.SelectMany(s => s).Distinct().Where(s => !_examples.ContainsKey(s)).ToList();
        foreach (var example in await models.ExamplesAsync(missing, cancellationToken))
        {
            _examples[example.Paper.Seq] = example;
        }

        var entries = new List<LikeEntry>(rows.Count);
        int refitted = 0, waiting = 0;
        foreach (var s in rows)
        {
            if (!stored.TryGetValue(s.Id, out var model) || model.SpaceId != space)
            {
                model = await models.RefitAsync(s, save: false, cancellationToken);
                if (model is null || model.SpaceId != space)
                {
                    waiting++;
                    continue;
                }

                await dialect.WriteModel(connection, tx, s.Id, model, timeProvider.GetUtcNow(), cancellationToken);
                refitted++;
            }

            var like = LikeQuery.Parse(s.Query);
            var filter = like?.FilterQuery;
            var own = examples.GetValueOrDefault(s.Id) ?? [];
            entries.Add(new LikeEntry(s, model, filter, [.. own.Where(_examples.ContainsKey).Select(seq => _examples[seq])]));
        }

        if (refitted > 0)
        {
            (subscriptions, modelVersion) = await VersionsAsync(connection, tx, cancellationToken); // our own writes bumped it
        }

        var percolator = new LikePercolator(space, entries.Count > 0 ? entries[0].Model.Weights.Length : 1, entries);
        // A percolator built from models refitted in a transaction that may still roll back is not cached.
        _current = refitted > 0 ? (-1, -1, null, LikePercolator.Empty, false) : (subscriptions, modelVersion, space, percolator, true);
        Log.LikePercolatorBuilt(logger, percolator.Count, space, refitted, waiting);
        return (percolator, true);
    }

    private static async Task<(long Subscriptions, long Models)> VersionsAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        var values = (await connection.QueryAsync<(string Key, long Value)>(new CommandDefinition(
            "SELECT key, value FROM alert_state WHERE key IN ('subscriptions_version', 'models_version')", transaction: tx, cancellationToken: cancellationToken)))
            .ToDictionary(v => v.Key, v => v.Value);
        return (values.GetValueOrDefault("subscriptions_version"), values.GetValueOrDefault("models_version"));
    }

    public void Dispose() => _gate.Dispose();
}
