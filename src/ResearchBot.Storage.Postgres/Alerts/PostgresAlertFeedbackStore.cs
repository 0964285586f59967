using System.Data.Common;
using Dapper;
using Npgsql;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Postgres.Alerts;

/// <summary>
/// <see cref="IAlertFeedbackStore"/> on PostgreSQL, safe with several processes: a vote locks its subscription's row
/// (<c>FOR SHARE</c>), so a concurrent <c>/unsubscribe</c> either waits for it and deletes it with the rest, or wins and
/// the vote finds no alert; two clicks of one person on one alert leave one row (the primary key), and only a click
/// that changed something reports <see cref="VoteResult.Recorded.Changed"/>.
/// </summary>
internal sealed class PostgresAlertFeedbackStore(PostgresDatabase database, TimeProvider timeProvider) : AlertFeedbackStore(Dialect, timeProvider)
{
    /// <summary>PostgreSQL's side of the shared alert code: an id list is a <c>bigint[]</c> parameter.</summary>
    internal static AlertSqlDialect Dialect { get; } = new("= ANY(@ids)", ids => ids.ToArray(), WriteModelAsync);

    public override async Task<VoteResult> VoteAsync(ChannelAddress channel, long alertId, string userId, AlertVote vote, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Only a row of the clicker's own (platform, workspace, channel), of a subscription not removed, can be voted on;
        // another's looks like no row at all.
        var alert = await connection.QuerySingleOrDefaultAsync<(long SubscriptionId, long PaperSeq, string? MessageKey)>(new CommandDefinition(
            """
            SELECT o.subscription_id, o.paper_seq, o.message_key FROM alert_outbox o JOIN alert_subscriptions s ON s.id = o.subscription_id
            WHERE o.id = @alertId AND o.platform = @Platform AND o.workspace = @Workspace AND o.channel = @Channel AND o.state IN (1, 2, 4, 6)
              AND s.removed_at IS NULL
            FOR SHARE OF s
            """,
            new { alertId, channel.Platform, channel.Workspace, channel.Channel }, tx, cancellationToken: cancellationToken));
        if (alert == default)
        {
            return new VoteResult.NotHere();
        }

        // Inserted, or updated because the vote differs: one row back. The same vote again: none.
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_votes (alert_id, user_id, platform, workspace, channel, subscription_id, paper_seq, vote, voted_at)
            VALUES (@alertId, @userId, @Platform, @Workspace, @Channel, @sub, @seq, @vote, @at)
            ON CONFLICT (alert_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
            WHERE alert_votes.vote <> excluded.vote
            """,
            new { alertId, userId, channel.Platform, channel.Workspace, channel.Channel, sub = alert.SubscriptionId, seq = alert.PaperSeq, vote = (long)vote, at = at.ToUnixTimeMilliseconds() },
            tx, cancellationToken: cancellationToken)) > 0;
        await tx.CommitAsync(cancellationToken);
        return new VoteResult.Recorded(alert.SubscriptionId, alert.PaperSeq, alert.MessageKey, changed);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    public override async Task<LikeEvidence> EvidenceAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One snapshot for both reads: examples and votes of the same moment.
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var evidence = await ReadEvidenceAsync(connection, tx, subscriptionId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return evidence;
    }

    /// <summary>
    /// Stores a model (only while its subscription is not removed: the share lock waits for a concurrent removal and then
    /// sees it, so no model outlives its subscription) and bumps <c>models_version</c>.
    /// </summary>
    internal static async Task WriteModelAsync(DbConnection connection, DbTransaction tx, long subscriptionId, InterestModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_models (subscription_id, space_id, weights, bias, threshold, fitted_at)
            SELECT @subscriptionId, @space, @weights, @bias, @threshold, @now FROM alert_subscriptions WHERE id = @subscriptionId AND removed_at IS NULL
            FOR SHARE
            ON CONFLICT (subscription_id) DO UPDATE SET space_id = excluded.space_id, weights = excluded.weights, bias = excluded.bias,
                threshold = excluded.threshold, fitted_at = excluded.fitted_at;
            UPDATE alert_state SET value = value + 1 WHERE key = 'models_version';
            """,
            ModelRow.Parameters(subscriptionId, model, now), tx, cancellationToken: cancellationToken));
    }
}
