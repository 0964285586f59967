using Dapper;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Alerts;

namespace ResearchBot.Storage.Shared;

/// <summary>
/// The percolator over the active subscriptions, rebuilt whenever <c>alert_state.subscriptions_version</c> changed.
/// The version is read inside the caller's write transaction, so a batch always matches against exactly the
/// subscriptions committed before it, even when another process (the bot, a CLI import) changed them.
/// </summary>
internal sealed class PercolatorCache(ILogger<PercolatorCache> logger)
{
    private (long Version, AlertPercolator Percolator) _current = (-1, AlertPercolator.Empty);

    public async Task<AlertPercolator> GetAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT value FROM alert_state WHERE key = 'subscriptions_version'", transaction: tx, cancellationToken: cancellationToken));
        var current = _current;
        if (current.Version == version)
        {
            return current.Percolator;
        }

        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {SubscriptionRow.Columns} FROM alert_subscriptions WHERE disabled_at IS NULL AND removed_at IS NULL ORDER BY id",
            transaction: tx, cancellationToken: cancellationToken));
        var entries = new List<PercolatorEntry>();
        foreach (var row in rows)
        {
            if (Core.Alerts.Learning.LikeQuery.IsLike(row.Query))
            {
                continue; // matched by the like: percolator
            }

            var parsed = AlertQueryParser.Parse(row.Query);
            if (parsed.Query is null)
            {
                Log.SubscriptionUnparsable(logger, row.Id, parsed.Error ?? "");
                continue;
            }

            entries.Add(new PercolatorEntry(row.ToSubscription(), parsed.Query));
        }

        var percolator = new AlertPercolator(entries);
        _current = (version, percolator);
        Log.PercolatorBuilt(logger, entries.Count, version);
        return percolator;
    }
}
