using Dapper;
using Npgsql;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Storage.Postgres.Alerts;

/// <summary>
/// <see cref="IAlertStore"/> on PostgreSQL, safe with several delivering processes: a claim locks its rows with
/// <c>FOR UPDATE SKIP LOCKED</c> (a row another process is claiming is skipped, not waited for), and moves only rows
/// still pending (or a resend under the same key), so each row is claimed by one process. A row left in Sending by a
/// process that died is offered again once its claim is older than the deliverer's lease (<c>ListInterruptedAsync</c>).
/// </summary>
internal sealed class PostgresAlertStore(PostgresDatabase database, TimeProvider timeProvider) : IAlertStore
{
    private const string Active = "disabled_at IS NULL AND removed_at IS NULL";
    private const string InChannel = "platform = @Platform AND workspace = @Workspace AND channel = @Channel";

    public async Task<AlertSubscription> AddAsync(NewAlertSubscription s, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // An immediate (write) transaction: max(seq) is read after every committed batch and before any later one,
        // so "papers after this subscription" has no gap and no overlap.
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Under the paper writers' lock, max(seq) is read between batches: "papers after this subscription" has no gap.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@k)", new { k = PostgresDatabase.WriterLock }, tx, cancellationToken: cancellationToken));
        var row = await connection.QuerySingleAsync<SubscriptionRow>(new CommandDefinition(
            $"""
            INSERT INTO alert_subscriptions (platform, workspace, channel, query, mode, digest_at, time_zone, created_by, created_at, start_after_seq, per_week, max_shown)
            VALUES (@Platform, @Workspace, @Channel, @query, @mode, @at, @tz, @by, @now, (SELECT COALESCE(MAX(seq), 0) FROM papers), @perWeek, @maxShown)
            RETURNING {SubscriptionRow.Columns}
            """,
            new
            {
                s.Channel.Platform, s.Channel.Workspace, s.Channel.Channel, query = s.Query, mode = (long)s.Mode,
                at = s.DigestAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), tz = s.TimeZone, by = s.CreatedBy,
                now = Now(), perWeek = s.PerWeek, maxShown = (long?)s.MaxShown,
            },
            tx, cancellationToken: cancellationToken));
        if (s.Examples is { Count: > 0 } examples)
        {
            await AlertFeedbackStore.WriteExamplesAsync(connection, tx, row.Id, examples, cancellationToken);
        }

        await BumpVersionAsync(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.ToSubscription();
    }

    public async Task<IReadOnlyList<AlertSubscription>> ListAsync(ChannelAddress channel, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {SubscriptionRow.Columns} FROM alert_subscriptions WHERE {InChannel} AND removed_at IS NULL ORDER BY id",
            new { channel.Platform, channel.Workspace, channel.Channel }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToSubscription())];
    }

    public async Task<AlertSubscription?> RemoveAsync(ChannelAddress channel, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(
            $"UPDATE alert_subscriptions SET removed_at = @now WHERE id = @id AND {InChannel} AND removed_at IS NULL RETURNING {SubscriptionRow.Columns}",
            new { id, channel.Platform, channel.Workspace, channel.Channel, now = Now() }, tx, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_outbox SET state = 5, last_error = 'subscription removed' WHERE subscription_id = @id AND state = 0",
            new { id }, tx, cancellationToken: cancellationToken));
        // What it learned goes with it: its model, its examples and the votes on its alerts.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM alert_models WHERE subscription_id = @id;
            DELETE FROM alert_examples WHERE subscription_id = @id;
            DELETE FROM alert_votes WHERE subscription_id = @id;
            UPDATE alert_state SET value = value + 1 WHERE key = 'models_version';
            """,
            new { id }, tx, cancellationToken: cancellationToken));
        await BumpVersionAsync(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.ToSubscription();
    }

    public async Task<IReadOnlyList<PendingAlert>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"{OutboxRow.Select} WHERE o.state IN (0, 6) AND o.next_attempt_at <= @now AND o.due_at <= @now ORDER BY o.due_at, o.id LIMIT @limit",
            new { now = now.ToUnixTimeMilliseconds(), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAlert())];
    }

    public async Task<IReadOnlyList<PendingAlert>> ClaimAsync(IReadOnlyList<long> alertIds, string messageKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // A resend keeps its key: only rows of that very message may move back to Sending under it.
        var claimed = (await connection.QueryAsync<long>(new CommandDefinition(
            """
            UPDATE alert_outbox SET state = 1, message_key = @messageKey, claimed_at = @now, attempts = attempts + 1,
                   first_claimed_at = CASE WHEN state = 0 THEN @now ELSE first_claimed_at END
            WHERE id IN (
                SELECT id FROM alert_outbox WHERE id = ANY(@ids) AND (state = 0 OR (state = 6 AND message_key = @messageKey))
                FOR UPDATE SKIP LOCKED)
            RETURNING id
            """,
            new { ids = alertIds.ToArray(), messageKey, now = now.ToUnixTimeMilliseconds() }, tx, cancellationToken: cancellationToken))).ToList();
        var rows = claimed.Count == 0 ? [] : await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"{OutboxRow.Select} WHERE o.id = ANY(@ids) ORDER BY o.score DESC, o.id",
            new { ids = claimed.ToArray() }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return [.. rows.Select(r => r.ToAlert())];
    }

    public async Task MarkSentAsync(string messageKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var ms = now.ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_outbox SET state = 2, sent_at = @ms, last_error = NULL WHERE message_key = @messageKey AND state IN (1, 4, 6)",
            new { messageKey, ms }, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_subscriptions SET last_delivered_at = @ms WHERE id IN (SELECT subscription_id FROM alert_outbox WHERE message_key = @messageKey)",
            new { messageKey, ms }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    public Task MarkRetryAsync(string messageKey, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE alert_outbox SET state = 0, message_key = NULL, next_attempt_at = @next, last_error = @error WHERE message_key = @messageKey AND state = 1",
            new { messageKey, next = nextAttempt.ToUnixTimeMilliseconds(), error = Cut(error) }, cancellationToken);

    public Task MarkResendAsync(string messageKey, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE alert_outbox SET state = 6, next_attempt_at = @next, last_error = @error WHERE message_key = @messageKey AND state = 1",
            new { messageKey, next = nextAttempt.ToUnixTimeMilliseconds(), error = Cut(error) }, cancellationToken);

    public Task MarkFinalAsync(string messageKey, AlertDeliveryState state, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE alert_outbox SET state = @state, last_error = @error WHERE message_key = @messageKey AND state IN (1, 6)",
            new { messageKey, state = (long)state, error = Cut(error) }, cancellationToken);

    public async Task<IReadOnlyList<PendingAlert>> ListInterruptedAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"{OutboxRow.Select} WHERE o.state = 1 AND o.claimed_at <= @before ORDER BY o.message_key, o.score DESC, o.id",
            new { before = claimedBefore.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAlert())];
    }

    public async Task<int> DisableChannelAsync(ChannelAddress channel, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var args = new { channel.Platform, channel.Workspace, channel.Channel, now = now.ToUnixTimeMilliseconds(), reason = Cut(reason) };
        var disabled = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE alert_subscriptions SET disabled_at = @now, disabled_reason = @reason WHERE {InChannel} AND {Active}", args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE alert_outbox SET state = 5, last_error = @reason WHERE {InChannel} AND state IN (0, 6)", args, tx, cancellationToken: cancellationToken));
        await BumpVersionAsync(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return disabled;
    }

    public async Task<IReadOnlyDictionary<AlertDeliveryState, long>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long State, long Count)>(new CommandDefinition(
            "SELECT state, count(*) FROM alert_outbox GROUP BY state", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (AlertDeliveryState)r.State, r => r.Count);
    }

    internal static Task BumpVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_state SET value = value + 1 WHERE key = 'subscriptions_version'", transaction: tx, cancellationToken: cancellationToken));

    private async Task ExecuteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
    }

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Cut(string s) => s.Length <= 500 ? s : s[..500];
}
