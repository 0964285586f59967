using System.Runtime.InteropServices;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Sqlite.Alerts;

/// <inheritdoc cref="IAlertFeedbackStore"/>
internal sealed class SqliteAlertFeedbackStore(SqliteDatabase database, TimeProvider timeProvider) : IAlertFeedbackStore
{
    private const string InChannel = "platform = @Platform AND workspace = @Workspace AND channel = @Channel";

    public async Task<VoteResult> VoteAsync(ChannelAddress channel, long alertId, string userId, AlertVote vote, DateTimeOffset at, CancellationToken cancellationToken)
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

    public async Task<IReadOnlyList<PendingAlert>> MessageAsync(ChannelAddress channel, string messageKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"{OutboxRow.Select} WHERE o.message_key = @messageKey AND o.platform = @Platform AND o.workspace = @Workspace AND o.channel = @Channel ORDER BY o.score DESC, o.id",
            new { messageKey, channel.Platform, channel.Workspace, channel.Channel }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAlert())];
    }

    public async Task<IReadOnlyDictionary<long, VoteTally>> TalliesAsync(IReadOnlyList<long> alertIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long Up, long Down)>(new CommandDefinition(
            """
            SELECT alert_id, SUM(vote = 1), SUM(vote = -1) FROM alert_votes
            WHERE alert_id IN (SELECT value FROM json_each(@ids)) GROUP BY alert_id
            """,
            new { ids = JsonSerializer.Serialize(alertIds) }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => new VoteTally((int)r.Up, (int)r.Down));
    }

    public async Task<LikeEvidence> EvidenceAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var examples = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT paper_seq FROM alert_examples WHERE subscription_id = @subscriptionId ORDER BY position",
            new { subscriptionId }, cancellationToken: cancellationToken));
        var votes = await connection.QueryAsync<(long Seq, long Vote, string User, long At)>(new CommandDefinition(
            "SELECT paper_seq, vote, user_id, voted_at FROM alert_votes WHERE subscription_id = @subscriptionId ORDER BY voted_at, alert_id, user_id",
            new { subscriptionId }, cancellationToken: cancellationToken));
        return new LikeEvidence([.. examples], [.. votes.Select(v => new EvidenceVote(v.Seq, v.Vote > 0 ? AlertVote.Up : AlertVote.Down, v.User, DateTimeOffset.FromUnixTimeMilliseconds(v.At)))]);
    }

    public async Task<bool> SetExamplesAsync(ChannelAddress channel, long subscriptionId, IReadOnlyList<long> paperSeqs, string query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE alert_subscriptions SET query = @query WHERE id = @subscriptionId AND {InChannel} AND removed_at IS NULL AND disabled_at IS NULL",
            new { query, subscriptionId, channel.Platform, channel.Workspace, channel.Channel }, tx, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alert_examples WHERE subscription_id = @subscriptionId", new { subscriptionId }, tx, cancellationToken: cancellationToken));
        await WriteExamplesAsync(connection, tx, subscriptionId, paperSeqs, cancellationToken);
        await SqliteAlertStore.BumpVersionAsync(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<InterestModel?> ModelAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelRow.Columns} FROM alert_models WHERE subscription_id = @subscriptionId", new { subscriptionId }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    public async Task SaveModelAsync(long subscriptionId, InterestModel model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await WriteModelAsync(connection, tx, subscriptionId, model, timeProvider.GetUtcNow(), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Stores a model (only while its subscription is not removed) and bumps <c>models_version</c>.</summary>
    internal static async Task WriteModelAsync(SqliteConnection connection, SqliteTransaction tx, long subscriptionId, InterestModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_models (subscription_id, space_id, weights, bias, threshold, fitted_at)
            SELECT @subscriptionId, @space, @weights, @bias, @threshold, @now FROM alert_subscriptions WHERE id = @subscriptionId AND removed_at IS NULL
            ON CONFLICT (subscription_id) DO UPDATE SET space_id = excluded.space_id, weights = excluded.weights, bias = excluded.bias,
                threshold = excluded.threshold, fitted_at = excluded.fitted_at;
            UPDATE alert_state SET value = value + 1 WHERE key = 'models_version';
            """,
            new
            {
                subscriptionId, space = model.SpaceId, weights = MemoryMarshal.AsBytes(model.Weights.AsSpan()).ToArray(),
                bias = (double)model.Bias, threshold = (double)model.Threshold, now = now.ToUnixTimeMilliseconds(),
            },
            tx, cancellationToken: cancellationToken));
    }

    internal static Task WriteExamplesAsync(SqliteConnection connection, SqliteTransaction tx, long subscriptionId, IReadOnlyList<long> paperSeqs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_examples (subscription_id, position, paper_seq) VALUES (@subscriptionId, @position, @seq) ON CONFLICT DO NOTHING",
            paperSeqs.Select((seq, i) => new { subscriptionId, position = i, seq }), tx, cancellationToken: cancellationToken));
}
