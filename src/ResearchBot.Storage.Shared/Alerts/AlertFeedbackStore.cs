using System.Data.Common;
using Dapper;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Shared;

/// <summary>
/// What <see cref="IAlertFeedbackStore"/> is in the same SQL on both backends, over the connection the backend opens
/// (<see cref="OpenAsync"/>): the vote itself, where the backends lock differently, stays in each backend, and the model
/// write comes from its <see cref="AlertSqlDialect"/>.
/// </summary>
internal abstract class AlertFeedbackStore(AlertSqlDialect dialect, TimeProvider timeProvider) : IAlertFeedbackStore
{
    private const string InChannel = "platform = @Platform AND workspace = @Workspace AND channel = @Channel";

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public abstract Task<VoteResult> VoteAsync(ChannelAddress channel, long alertId, string userId, AlertVote vote, DateTimeOffset at, CancellationToken cancellationToken);

    public async Task<IReadOnlyList<PendingAlert>> MessageAsync(ChannelAddress channel, string messageKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"{OutboxRow.Select} WHERE o.message_key = @messageKey AND o.platform = @Platform AND o.workspace = @Workspace AND o.channel = @Channel ORDER BY o.score DESC, o.id",
            new { messageKey, channel.Platform, channel.Workspace, channel.Channel }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAlert())];
    }

    public async Task<IReadOnlyDictionary<long, VoteTally>> TalliesAsync(IReadOnlyList<long> alertIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return VoteRows.ToTallies(await connection.QueryAsync<(long Id, long Up, long Down)>(new CommandDefinition(
            VoteRows.TallySql(dialect.IdsIn), new { ids = dialect.Ids(alertIds) }, cancellationToken: cancellationToken)));
    }

    /// <summary>A subscription's examples and votes (PostgreSQL reads both in one snapshot: it overrides this).</summary>
    public virtual async Task<LikeEvidence> EvidenceAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadEvidenceAsync(connection, null, subscriptionId, cancellationToken);
    }

    public async Task<bool> SetExamplesAsync(ChannelAddress channel, long subscriptionId, IReadOnlyList<long> paperSeqs, string query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
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
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<InterestModel?> ModelAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelRow.Columns} FROM alert_models WHERE subscription_id = @subscriptionId", new { subscriptionId }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    public async Task SaveModelAsync(long subscriptionId, InterestModel model, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await dialect.WriteModel(connection, tx, subscriptionId, model, timeProvider.GetUtcNow(), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>A subscription's examples and votes, both read in <paramref name="tx"/> when given.</summary>
    protected static async Task<LikeEvidence> ReadEvidenceAsync(DbConnection connection, DbTransaction? tx, long subscriptionId, CancellationToken cancellationToken)
    {
        var examples = await connection.QueryAsync<long>(new CommandDefinition(VoteRows.ExamplesSql, new { subscriptionId }, tx, cancellationToken: cancellationToken));
        var votes = await connection.QueryAsync<(long Seq, long Vote, string User, long At)>(new CommandDefinition(
            VoteRows.EvidenceSql, new { subscriptionId }, tx, cancellationToken: cancellationToken));
        return VoteRows.ToEvidence(examples, votes);
    }

    /// <summary>A subscription's example papers, in the order given (positions from 0), in the caller's transaction.</summary>
    internal static Task WriteExamplesAsync(DbConnection connection, DbTransaction tx, long subscriptionId, IReadOnlyList<long> paperSeqs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_examples (subscription_id, position, paper_seq) VALUES (@subscriptionId, @position, @seq) ON CONFLICT DO NOTHING",
            paperSeqs.Select((seq, i) => new { subscriptionId, position = (long)i, seq }), tx, cancellationToken: cancellationToken));
}
