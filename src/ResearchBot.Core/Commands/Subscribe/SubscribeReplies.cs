using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Papers;
using PaperModel = ResearchBot.Core.Papers.Paper;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Subscribe;

/// <summary>What <c>/subscribe</c>, <c>/unsubscribe</c> and <c>/subscriptions</c> say.</summary>
public static class SubscribeReplies
{
    public static Reply Created(AlertSubscription s, AlertQuery query, int previewCount, IReadOnlyList<(PaperModel Paper, AlertMatch Match)> top, TimeSpan window) => new()
    {
        Title = $"Subscribed: alert #{s.Id.ToString(CultureInfo.InvariantCulture)}",
        Body = $"This channel will get {Schedule(s)} for new papers matching:\n{query.Canonical}\n\nThat is, papers with {query.Describe()[0]}. Only papers that enter the index from now on are announced, each once, and not those published more than {AlertPercolator.BackdateWindow.TotalDays:0} days before today.",
        Fields =
        [
            new ReplyField("Id", "#" + s.Id.ToString(CultureInfo.InvariantCulture)),
            new ReplyField("Mode", Schedule(s)),
            new ReplyField($"Last {window.TotalDays:0} days", $"would have matched {PaperFormatting.Count(previewCount, "paper")}"),
        ],
        PapersHeading = top.Count > 0 ? "Recent papers it would have matched" : null,
        Papers = [.. top.Select(t => PaperFormatting.ToItem(t.Paper, "matched " + t.Match.WhyText))],
        Footer = previewCount == 0
            ? "Nothing in the last 30 days would have matched; check the spelling, or widen the query with OR."
            : $"/unsubscribe {s.Id} stops it; /subscriptions lists this channel's alerts.",
    };

    /// <summary>"instant alerts", "a daily digest at 08:30 (Europe/Berlin)".</summary>
    public static string Schedule(AlertSubscription s) => s.Mode switch
    {
        AlertMode.Daily => $"a daily digest at {s.DigestAt:HH\\:mm} ({s.TimeZone})",
        AlertMode.Weekly => $"a weekly digest on Mondays at {s.DigestAt:HH\\:mm} ({s.TimeZone})",
        _ => "instant alerts",
    };
}
