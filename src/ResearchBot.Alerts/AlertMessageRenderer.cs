using System.Collections.Immutable;
using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;

namespace ResearchBot.Alerts;

/// <summary>
/// Turns claimed outbox rows into a platform-neutral <see cref="Reply"/>: an instant batch or a digest, each listed
/// paper with 👍 / 👎 (showing the tally so far) and "Similar". The same rows and tallies always render the same
/// message, so a vote redraws the message it was cast on.
/// </summary>
internal static class AlertMessageRenderer
{
    /// <summary>Votes go on at most this many listed papers: 2 buttons each, 5 a row, leaves Discord's fifth row for "Similar to…".</summary>
    public const int MaxVoted = 10;

    private const int PerRow = 5;

    public static Reply Instant(IReadOnlyList<PendingAlert> rows, IReadOnlyDictionary<long, Paper> papers, IReadOnlyDictionary<long, VoteTally>? tallies = null)
    {
        var shown = rows.Where(r => papers.ContainsKey(r.PaperSeq)).ToList();
        var alertIds = shown.Select(r => r.SubscriptionId).Distinct().ToList();
        return new Reply
        {
            Title = shown.Count == 1 ? "New paper for this channel's alert" : $"{shown.Count.ToString(CultureInfo.InvariantCulture)} new papers for this channel's alerts",
            Papers = [.. shown.Select(r => PaperFormatting.ToItem(papers[r.PaperSeq], Why(r), snippetLength: shown.Count == 1 ? 300 : 0))],
            Footer = Footer(alertIds, shown),
            Visibility = ReplyVisibility.Channel,
            Actions = Actions(shown, papers, tallies),
        };
    }

    public static Reply Digest(IReadOnlyList<PendingAlert> rows, IReadOnlyDictionary<long, Paper> papers, int top, IReadOnlyDictionary<long, VoteTally>? tallies = null)
    {
        var ranked = rows.Where(r => papers.ContainsKey(r.PaperSeq)).OrderByDescending(r => r.Score).ThenBy(r => r.PaperSeq).ToList();
        var first = ranked.Count > 0 ? ranked[0] : rows[0];
        var period = first.Mode == AlertMode.Weekly ? "Weekly" : "Daily";
        top = first.MaxShown ?? top;
        var more = ranked.Count - Math.Min(top, ranked.Count);
        var listed = ranked.Take(top).ToList();
        return new Reply
        {
            Title = $"{period} digest: {PaperFormatting.Count(ranked.Count, "new paper")} for {first.SubscriptionQuery}",
            PapersHeading = "Most relevant first",
            Papers = [.. listed.Select(r => PaperFormatting.ToItem(papers[r.PaperSeq], WhyText(r)))],
            Footer = (more > 0 ? $"and {more.ToString(CultureInfo.InvariantCulture)} more. " : "") + $"Alert #{first.SubscriptionId}; /subscriptions lists this channel's alerts.",
            Visibility = ReplyVisibility.Channel,
            Actions = Actions(listed, papers, tallies),
        };
    }

    /// <summary>The one-time notice posted (if the platform still lets us) when a channel's alerts are switched off.</summary>
    public static Reply Disabled(string reason) =>
        Reply.Info($"Paper alerts in this channel were switched off because the platform refused to deliver them ({reason}). Someone who can manage the channel can /subscribe again once the bot may post here.", ReplyVisibility.Channel);

    /// <summary>The payload of a vote button: <c>rb1:u:vote up alert:123</c> (the answer redraws the message).</summary>
    public static string? VotePayload(long alertId, AlertVote vote) =>
        new ActionPayload(ActionTarget.UpdateMessage, new CommandInput.Text(VoteCommand.Name, $"{(vote == AlertVote.Up ? "up" : "down")} alert:{alertId.ToString(CultureInfo.InvariantCulture)}")).Encode();

    /// <summary>
    /// Per listed paper (numbered as listed): 👍 and 👎 buttons, five papers' 👍 then their 👎 so a row of five lines up
    /// on Discord, and "Similar to…" listing them (a "Similar papers" button for a single paper).
    /// </summary>
    private static ImmutableArray<ReplyAction> Actions(List<PendingAlert> listed, IReadOnlyDictionary<long, Paper> papers, IReadOnlyDictionary<long, VoteTally>? tallies)
    {
        var actions = ImmutableArray.CreateBuilder<ReplyAction>();
        var voted = listed.Take(MaxVoted).Select((r, i) => (Row: r, Number: i + 1)).ToList();
        var single = listed.Count == 1;
        foreach (var group in voted.Chunk(PerRow))
        {
            foreach (var vote in new[] { AlertVote.Up, AlertVote.Down })
            {
                foreach (var (row, number) in group)
                {
                    if (VotePayload(row.Id, vote) is not { } payload)
                    {
                        continue;
                    }

                    var tally = tallies?.GetValueOrDefault(row.Id) ?? default;
                    var count = vote == AlertVote.Up ? tally.Up : tally.Down;
                    var emoji = vote == AlertVote.Up ? "👍" : "👎";
                    var label = (single ? emoji : $"#{number.ToString(CultureInfo.InvariantCulture)} {emoji}") + (count > 0 ? " " + count.ToString(CultureInfo.InvariantCulture) : "");
                    var word = (vote == AlertVote.Up ? "up" : "down") + (single ? "" : " " + number.ToString(CultureInfo.InvariantCulture));
                    actions.Add(ReplyAction.Button(label, payload, word));
                }
            }
        }

        if (single)
        {
            if (ResultActions.SimilarTo(papers[listed[0].PaperSeq]) is { } similar)
            {
                actions.Add(ReplyAction.Button("Similar papers", similar, "similar"));
            }
        }
        else if (ResultActions.SimilarMenu(listed.Select(r => papers[r.PaperSeq])) is { } menu)
        {
            actions.Add(menu);
        }

        return actions.ToImmutable();
    }

    /// <summary>"matched diffusion, guidance" for a query; "like 2401.12345: diffusion, sampler" for a like: alert.</summary>
    private static string WhyText(PendingAlert r) => r.Why.StartsWith("like ", StringComparison.Ordinal) ? r.Why : "matched " + r.Why;

    private static string Why(PendingAlert r) => $"{WhyText(r)} (alert #{r.SubscriptionId})";

    private static string Footer(List<long> alertIds, List<PendingAlert> rows) =>
        alertIds.Count == 1
            ? $"Alert #{alertIds[0]}: {rows[0].SubscriptionQuery} · /subscriptions lists this channel's alerts"
            : "/subscriptions lists this channel's alerts";
}
