using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
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

    /// <summary>The answer to <c>/subscribe like:…</c>: the examples, the volume it is calibrated to, and what it would have announced lately.</summary>
    public static Reply LikeCreated(AlertSubscription s, IReadOnlyList<PaperModel> examples, AlertQuery? filter, LikeFit fit, TimeSpan window)
    {
        var weeks = window.TotalDays / 7;
        var perWeek = fit.Preview.Count / weeks;
        var shown = s.MaxShown ?? 10;
        return new Reply
        {
            Title = $"Subscribed: alert #{s.Id.ToString(CultureInfo.InvariantCulture)}, papers like {PaperFormatting.Count(examples.Count, "example")}",
            Body = $"This channel will get {Schedule(s)} for new papers like:\n" + string.Join("\n", examples.Select(e => $"• {e.Title} ({Commands.Actions.ResultActions.Reference(e)})"))
                + (filter is null ? "" : $"\n\nOnly papers with {filter.Describe()[0]}.")
                + $"\n\nEach alert has 👍 / 👎: votes teach it what this channel wants, and move its threshold.",
            Fields =
            [
                new ReplyField("Id", "#" + s.Id.ToString(CultureInfo.InvariantCulture)),
                new ReplyField("Mode", Schedule(s)),
                new ReplyField("Target", $"about {(s.PerWeek ?? 10).ToString("0.#", CultureInfo.InvariantCulture)} a week"),
                new ReplyField($"Last {window.TotalDays:0} days", $"would have announced {PaperFormatting.Count(fit.Preview.Count, "paper")} (≈ {perWeek.ToString("0.#", CultureInfo.InvariantCulture)} a week) of {fit.Scanned.ToString("N0", CultureInfo.InvariantCulture)} new"),
            ],
            PapersHeading = fit.Preview.Count > 0 ? "What it would have announced, best first" : null,
            Papers = [.. fit.Preview.Take(shown).Select(t => PaperFormatting.ToItem(t.Paper, t.Why.Length > 0 ? t.Why : "score " + t.Score.ToString("0.00", CultureInfo.InvariantCulture)))],
            Footer = (fit.Preview.Count > shown ? $"and {(fit.Preview.Count - shown).ToString(CultureInfo.InvariantCulture)} more. " : "")
                + $"/unsubscribe {s.Id} stops it; /subscriptions shows its examples, votes and threshold.",
        };
    }

    /// <summary>The answer to "Alert me about papers like this" when it extended an existing alert.</summary>
    public static Reply ExampleAdded(AlertSubscription s, PaperModel paper, int examples, InterestModel? model) =>
        Reply.Info(
            $"Added “{paper.Title}” to alert #{s.Id.ToString(CultureInfo.InvariantCulture)}: it now learns from {PaperFormatting.Count(examples, "example")}"
            + (model is null ? "." : $", threshold {model.Threshold.ToString("0.00", CultureInfo.InvariantCulture)}.") + " /subscriptions shows them.",
            ReplyVisibility.Channel);

    /// <summary>"instant alerts", "a daily digest at 08:30 (Europe/Berlin)".</summary>
    public static string Schedule(AlertSubscription s) => s.Mode switch
    {
        AlertMode.Daily => $"a daily digest at {s.DigestAt:HH\\:mm} ({s.TimeZone})",
        AlertMode.Weekly => $"a weekly digest on Mondays at {s.DigestAt:HH\\:mm} ({s.TimeZone})",
        _ => "instant alerts",
    };
}
