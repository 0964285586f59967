using Dapper;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Storage.Shared;

/// <summary>
/// Matches the papers a batch added against every active subscription — keyword queries through the
/// <see cref="AlertPercolator"/>, <c>like:</c> models with one dense pass of the <see cref="Core.Alerts.Learning.LikePercolator"/> — and
/// writes one pending outbox row per (channel, paper), in the transaction that stores the papers: a match and its
/// paper commit together or not at all. Rows actually inserted count as <c>researchbot.alerts.queued</c> (a
/// rolled-back batch is counted all the same). Each backend's upsert participant hands it its connection and transaction.
/// </summary>
internal sealed class AlertOutboxWriter(
    PercolatorCache cache, TimeProvider timeProvider, AlertMetrics metrics, AlertSqlDialect dialect, ILogger<AlertOutboxWriter> logger,
    IServiceProvider services, LikePercolatorCache? likeCache = null)
{
    // Resolved on first use: the engine behind IPaperVectors reads papers through IPaperIndex, whose writer owns this participant.
    private IPaperVectors? _vectors;
    private bool _resolved;
    private const int BacklogBatch = 5_000;

    public async Task OnPapersAddedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken)
    {
        var percolator = await cache.GetAsync(connection, transaction, cancellationToken);
        var hits = percolator.Count == 0 ? [] : percolator.Match(added).ToList();
        hits.AddRange(await MatchLikeAsync(connection, transaction, added, cancellationToken));
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
                score = owner.Match.Score,
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

    /// <summary>
    /// The <c>like:</c> hits of the batch (and of papers an earlier batch had to leave in the backlog). When no engine
    /// can project yet, the batch waits in <c>alert_like_backlog</c>, committed with it.
    /// </summary>
    private async Task<IReadOnlyList<PercolatorHit>> MatchLikeAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Paper> added, CancellationToken cancellationToken)
    {
        if (!_resolved)
        {
            _vectors = services.GetService(typeof(IPaperVectors)) as IPaperVectors;
            _resolved = true;
        }

        var vectors = _vectors;
        if (likeCache is null || vectors is null || added.Count == 0)
        {
            return [];
        }

        var (like, any) = await likeCache.GetAsync(connection, tx, cancellationToken);
        if (!any)
        {
            return [];
        }

        if (vectors.SpaceId is null || like.SpaceId != vectors.SpaceId)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO alert_like_backlog (paper_seq) VALUES (@Seq) ON CONFLICT DO NOTHING", added.Select(p => new { p.Seq }), tx, cancellationToken: cancellationToken));
            Log.LikeBacklogged(logger, added.Count);
            return [];
        }

        if (like.Count == 0)
        {
            return []; // like: subscriptions exist but none can be fitted (no example has a vector)
        }

        var batch = added;
        var backlog = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT paper_seq FROM alert_like_backlog ORDER BY paper_seq LIMIT @limit", new { limit = BacklogBatch }, tx, cancellationToken: cancellationToken))).ToList();
        if (backlog.Count > 0)
        {
            var waiting = (await connection.QueryAsync<PaperRow>(new CommandDefinition(
                $"SELECT {PaperRow.Columns} FROM papers WHERE seq {dialect.IdsIn} ORDER BY seq",
                new { ids = dialect.Ids(backlog) }, tx, cancellationToken: cancellationToken))).Select(r => r.ToPaper()).ToList();
            batch = [.. waiting, .. added];
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM alert_like_backlog WHERE paper_seq {dialect.IdsIn}",
                new { ids = dialect.Ids(backlog) }, tx, cancellationToken: cancellationToken));
        }

        var projected = await vectors.VectorsOfAsync(batch, cancellationToken);
        return like.Match(batch, projected);
    }
}
