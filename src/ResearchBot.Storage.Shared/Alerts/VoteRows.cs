using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Storage.Shared;

/// <summary>
/// Rows of <c>alert_votes</c> (and <c>alert_examples</c>) as the feedback stores read them: 👍/👎 tallies per alert,
/// and a subscription's examples and votes as the evidence its model is fitted from. Votes are stored as +1 / -1.
/// </summary>
internal static class VoteRows
{
    /// <summary>Columns <c>alert_id, up, down</c> of the alerts whose id passes <paramref name="idsIn"/> (<see cref="AlertSqlDialect.IdsIn"/>).</summary>
    public static string TallySql(string idsIn) =>
        $"SELECT alert_id, count(*) FILTER (WHERE vote = 1), count(*) FILTER (WHERE vote = -1) FROM alert_votes WHERE alert_id {idsIn} GROUP BY alert_id";

    public const string ExamplesSql = "SELECT paper_seq FROM alert_examples WHERE subscription_id = @subscriptionId ORDER BY position";

    public const string EvidenceSql = "SELECT paper_seq, vote, user_id, voted_at FROM alert_votes WHERE subscription_id = @subscriptionId ORDER BY voted_at, alert_id, user_id";

    public static IReadOnlyDictionary<long, VoteTally> ToTallies(IEnumerable<(long Id, long Up, long Down)> rows) =>
        rows.ToDictionary(r => r.Id, r => new VoteTally((int)r.Up, (int)r.Down));

    public static LikeEvidence ToEvidence(IEnumerable<long> examples, IEnumerable<(long Seq, long Vote, string User, long At)> votes) =>
        new([.. examples], [.. votes.Select(v => new EvidenceVote(v.Seq, v.Vote > 0 ? AlertVote.Up : AlertVote.Down, v.User, DateTimeOffset.FromUnixTimeMilliseconds(v.At)))]);
}
