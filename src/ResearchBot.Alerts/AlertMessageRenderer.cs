using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;

namespace ResearchBot.Alerts;

/// <summary>Turns claimed outbox rows into a platform-neutral <see cref="Reply"/>: an instant batch or a digest.</summary>
internal static class AlertMessageRenderer
{
    public static Reply Instant(IReadOnlyList<PendingAlert> rows, IReadOnlyDictionary<long, Paper> papers)
    {
        var shown = rows.Where(r => papers.ContainsKey(r.PaperSeq)).ToList();
        var alertIds = shown.Select(r => r.SubscriptionId).Distinct().ToList();
        return new Reply
        {
            Title = shown.Count == 1 ? "New paper for this channel's alert" : $"{shown.Count.ToString(CultureInfo.InvariantCulture)} new papers for this channel's alerts",
            Papers = [.. shown.Select(r => PaperFormatting.ToItem(papers[r.PaperSeq], Why(r), snippetLength: shown.Count == 1 ? 300 : 0))],
            Footer = Footer(alertIds, shown),
            Visibility = ReplyVisibility.Channel,
        };
    }

    public static Reply Digest(IReadOnlyList<PendingAlert> rows, IReadOnlyDictionary<long, Paper> papers, int top)
    {
        var ranked = rows.Where(r => papers.ContainsKey(r.PaperSeq)).OrderByDescending(r => r.Score).ThenBy(r => r.PaperSeq).ToList();
        var first = ranked.Count > 0 ? ranked[0] : rows[0];
        var period = first.Mode == AlertMode.Weekly ? "Weekly" : "Daily";
        var more = ranked.Count - Math.Min(top, ranked.Count);
        return new Reply
        {
            Title = $"{period} digest: {PaperFormatting.Count(ranked.Count, "new paper")} for {first.SubscriptionQuery}",
            PapersHeading = "Most relevant first",
            Papers = [.. ranked.Take(top).Select(r => PaperFormatting.ToItem(papers[r.PaperSeq], "matched " + r.Why))],
            Footer = (more > 0 ? $"and {more.ToString(CultureInfo.InvariantCulture)} more. " : "") + $"Alert #{first.SubscriptionId}; /subscriptions lists this channel's alerts.",
            Visibility = ReplyVisibility.Channel,
        };
    }

    /// <summary>The one-time notice posted (if the platform still lets us) when a channel's alerts are switched off.</summary>
    public static Reply Disabled(string reason) =>
        Reply.Info($"Paper alerts in this channel were switched off because the platform refused to deliver them ({reason}). Someone who can manage the channel can /subscribe again once the bot may post here.", ReplyVisibility.Channel);

    private static string Why(PendingAlert r) => $"matched {r.Why} (alert #{r.SubscriptionId})";

    private static string Footer(List<long> alertIds, List<PendingAlert> rows) =>
        alertIds.Count == 1
            ? $"Alert #{alertIds[0]}: {rows[0].SubscriptionQuery} · /subscriptions lists this channel's alerts"
            : "/subscriptions lists this channel's alerts";
}
