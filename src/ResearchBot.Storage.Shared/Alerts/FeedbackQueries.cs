using System.Data.Common;
using Dapper;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Shared;

/// <summary>
/// The parts of <see cref="IAlertFeedbackStore"/> that are the same SQL on both backends, over the connection (and
/// transaction) the backend opened; the vote itself and the model write, where the backends lock differently, stay
/// in each backend.
/// </summary>
internal static class FeedbackQueries
{
    private const string InChannel = "platform = @Platform AND workspace = @Workspace AND channel = @Channel";

    /// <summary>The alerts one message of <paramref name="channel"/> showed, best first.</summary>
    public static async Task<IReadOnlyList<PendingAlert>> MessageAsync(DbConnection connection, ChannelAddress channel, string messageKey, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"{OutboxRow.Select} WHERE o.message_key = @messageKey AND o.platform = @Platform AND o.workspace = @Workspace AND o.channel = @Channel ORDER BY o.score DESC, o.id",
            new { messageKey, channel.Platform, channel.Workspace, channel.Channel }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAlert())];
    }

    public static async Task<IReadOnlyDictionary<long, VoteTally>> TalliesAsync(DbConnection connection, AlertSqlDialect dialect, IReadOnlyList<long> alertIds, CancellationToken cancellationToken) =>
        VoteRows.ToTallies(await connection.QueryAsync<(long Id, long Up, long Down)>(new CommandDefinition(
            VoteRows.TallySql(dialect.IdsIn), new { ids = dialect.Ids(alertIds) }, cancellationToken: cancellationToken)));

    /// <summary>A subscription's examples and votes, both read in <paramref name="tx"/> when given (one snapshot).</summary>
    public static async Task<LikeEvidence> EvidenceAsync(DbConnection connection, DbTransaction? tx, long subscriptionId, CancellationToken cancellationToken)
    {
        var examples = await connection.QueryAsync<long>(new CommandDefinition(VoteRows.ExamplesSql, new { subscriptionId }, tx, cancellationToken: cancellationToken));
        var votes = await connection.QueryAsync<(long Seq, long Vote, string User, long At)>(new CommandDefinition(
            VoteRows.EvidenceSql, new { subscriptionId }, tx, cancellationToken: cancellationToken));
        return VoteRows.ToEvidence(examples, votes);
    }

    /// <summary>
    /// Replaces the examples (and the query that names them) of an active subscription of <paramref name="channel"/>
    /// and bumps <c>subscriptions_version</c>, in the caller's transaction; false when there is no such subscription.
    /// </summary>
    public static async Task<bool> ReplaceExamplesAsync(DbConnection connection, DbTransaction tx, ChannelAddress channel, long subscriptionId, IReadOnlyList<long> paperSeqs, string query, CancellationToken cancellationToken)
    {
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
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_state SET value = value + 1 WHERE key = 'subscriptions_version'", transaction: tx, cancellationToken: cancellationToken));
        return true;
    }

    public static async Task<InterestModel?> ModelAsync(DbConnection connection, long subscriptionId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelRow.Columns} FROM alert_models WHERE subscription_id = @subscriptionId", new { subscriptionId }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    /// <summary>A subscription's example papers, in the order given (positions from 0).</summary>
    public static Task WriteExamplesAsync(DbConnection connection, DbTransaction tx, long subscriptionId, IReadOnlyList<long> paperSeqs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_examples (subscription_id, position, paper_seq) VALUES (@subscriptionId, @position, @seq) ON CONFLICT DO NOTHING",
            paperSeqs.Select((seq, i) => new { subscriptionId, position = (long)i, seq }), tx, cancellationToken: cancellationToken));
}
