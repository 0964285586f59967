using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Sqlite.Alerts;

/// <inheritdoc cref="IAlertFeedbackStore"/>
internal sealed class SqliteAlertFeedbackStore(SqliteDatabase database, TimeProvider timeProvider) : AlertFeedbackStore(Dialect, timeProvider)
{
    /// <summary>SQLite's side of the shared alert code: an id list is a JSON array read by <c>json_each</c>.</summary>
    internal static AlertSqlDialect Dialect { get; } = new("IN (SELECT value FROM json_each(@ids))", ids => JsonSerializer.Serialize(ids), WriteModelAsync);

    public override async Task<VoteResult> VoteAsync(ChannelAddress channel, long alertId, string userId, AlertVote vote, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // Only a row of the clicker's own (platform, workspace, channel), of a subscription not removed, can be voted on;
        // another's looks like no row at all. (A removed subscription's votes were deleted with it.)
        var alert = await connection.QuerySingleOrDefaultAsync<(long SubscriptionId, long PaperSeq, string? MessageKey)>(new CommandDefinition(
            """
            SELECT o.subscription_id, o.paper_seq, o.message_key FROM alert_outbox o JOIN alert_subscriptions s ON s.id = o.subscription_id
            WHERE o.id = @alertId AND o.platform = @Platform AND o.workspace = @Workspace AND o.channel = @Channel AND o.state IN (1, 2, 4, 6)
              AND s.removed_at IS NULL
            """,
            new { alertId, channel.Platform, channel.Workspace, channel.Channel }, tx, cancellationToken: cancellationToken));
        if (alert == default)
        {
            return new VoteResult.NotHere();
        }

        var previous = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT vote FROM alert_votes WHERE alert_id = @alertId AND user_id = @userId",
            new { alertId, userId }, tx, cancellationToken: cancellationToken));
        var changed = previous != (long)vote;
        if (changed)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO alert_votes (alert_id, user_id, platform, workspace, channel, subscription_id, paper_seq, vote, voted_at)
                VALUES (@alertId, @userId, @Platform, @Workspace, @Channel, @sub, @seq, @vote, @at)
                ON CONFLICT (alert_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
                """,
                new { alertId, userId, channel.Platform, channel.Workspace, channel.Channel, sub = alert.SubscriptionId, seq = alert.PaperSeq, vote = (int)vote, at = at.ToUnixTimeMilliseconds() },
                tx, cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
        return new VoteResult.Recorded(alert.SubscriptionId, alert.PaperSeq, alert.MessageKey, changed);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    /// <summary>Stores a model (only while its subscription is not removed) and bumps <c>models_version</c>.</summary>
    internal static async Task WriteModelAsync(DbConnection connection, DbTransaction tx, long subscriptionId, InterestModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_models (subscription_id, space_id, weights, bias, threshold, fitted_at)
            SELECT @subscriptionId, @space, @weights, @bias, @threshold, @now FROM alert_subscriptions WHERE id = @subscriptionId AND removed_at IS NULL
            ON CONFLICT (subscription_id) DO UPDATE SET space_id = excluded.space_id, weights = excluded.weights, bias = excluded.bias,
                threshold = excluded.threshold, fitted_at = excluded.fitted_at;
            UPDATE alert_state SET value = value + 1 WHERE key = 'models_version';
            """,
            ModelRow.Parameters(subscriptionId, model, now), tx, cancellationToken: cancellationToken));
    }
}
