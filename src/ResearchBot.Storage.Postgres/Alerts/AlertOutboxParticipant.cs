using Dapper;
using Npgsql;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Postgres.Papers;

namespace ResearchBot.Storage.Postgres.Alerts;

/// <summary>
/// Matches the papers a batch added against every active subscription and writes one pending outbox row per
/// (channel, paper), in the transaction that stores the papers: a match and its paper commit together or not at all.
/// Rows actually inserted count as <c>researchbot.alerts.queued</c> (a rolled-back batch is counted all the same).
/// </summary>
internal sealed class AlertOutboxParticipant(PercolatorCache cache, TimeProvider timeProvider, AlertMetrics metrics) : IPostgresUpsertParticipant
{
    public async Task OnPapersAddedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken)
    {
        var percolator = await cache.GetAsync(connection, transaction, cancellationToken);
        if (percolator.Count == 0)
        {
            return;
        }

        var hits = percolator.Match(added);
        if (hits.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var rows = new List<(string Platform, object Row)>();
        // Several subscriptions of one channel may match one paper: one row, owned by the most urgent subscription.
        foreach (var pair in hits.GroupBy(h => (h.Subscription.Channel, h.Paper.Seq)))
        {
            var owner = pair.OrderBy(h => DigestSchedule.DueAt(h.Subscription, now)).ThenBy(h => h.Subscription.Id).First();
            rows.Add((owner.Subscription.Channel.Platform, new
            {
                owner.Subscription.Channel.Platform,
                owner.Subscription.Channel.Workspace,
                owner.Subscription.Channel.Channel,
                seq = pair.Key.Seq,
                sub = owner.Subscription.Id,
                score = pair.Max(h => h.Match.Score),
                why = string.Join(", ", pair.SelectMany(h => h.Match.Why).Distinct()),
                now = now.ToUnixTimeMilliseconds(),
                due = DigestSchedule.DueAt(owner.Subscription, now).ToUnixTimeMilliseconds(),
            }));
        }

        foreach (var platform in rows.GroupBy(r => r.Platform, StringComparer.Ordinal))
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO alert_outbox (platform, workspace, channel, paper_seq, subscription_id, score, why, created_at, due_at, next_attempt_at)
                VALUES (@Platform, @Workspace, @Channel, @seq, @sub, @score, @why, @now, @due, @now)
                ON CONFLICT (platform, workspace, channel, paper_seq) DO NOTHING
                """,
                platform.Select(r => r.Row), transaction, cancellationToken: cancellationToken));
            metrics.Queued(inserted, platform.Key);
        }

        var counts = hits.GroupBy(h => h.Subscription.Id).Select(g => new { id = g.Key, n = g.Count() }).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_subscriptions SET match_count = match_count + @n WHERE id = @id",
            counts, transaction, cancellationToken: cancellationToken));
    }
}
