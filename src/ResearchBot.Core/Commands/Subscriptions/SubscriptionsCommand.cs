using System.Collections.Immutable;
using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Commands.Subscribe;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Subscriptions;

/// <summary>
/// <c>/subscriptions</c>: this channel's alerts with ids, mode, last delivery and matches so far; for a <c>like:</c>
/// alert also its examples, votes and current threshold, with a menu to remove an example.
/// </summary>
public sealed class SubscriptionsCommand(IAlertStore store, TimeProvider timeProvider, IPaperIndex? index = null, IAlertFeedbackStore? feedback = null) : ICommand
{
    public CommandSpec Spec { get; } = new("subscriptions", "List this channel's paper alerts", [])
    {
        Quick = true,
        Examples = ["/subscriptions"],
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var subscriptions = await store.ListAsync(context.Channel, cancellationToken);
        if (subscriptions.Count == 0)
        {
            return CommandResult.Missing("This channel has no alerts. `/subscribe QUERY` adds one, e.g. `/subscribe \"diffusion model\" cat:cs.CV`.");
        }

        var now = timeProvider.GetUtcNow();
        var lines = subscriptions.Select(s => Line(s, now)).ToImmutableArray();
        var sections = ImmutableArray.CreateBuilder<ReplySection>();
        sections.Add(new ReplySection("Id · query · mode · last delivery · matches so far", lines));
        var removals = new List<ReplyChoice>();
        foreach (var s in subscriptions.Where(s => s.IsLike && s.IsActive))
        {
            if (feedback is null || index is null)
            {
                break;
            }

            var evidence = await feedback.EvidenceAsync(s.Id, cancellationToken);
            var model = await feedback.ModelAsync(s.Id, cancellationToken);
            var papers = (await index.GetBySeqAsync(evidence.Examples, cancellationToken)).ToDictionary(p => p.Seq);
            var detail = new List<string>();
            foreach (var paper in evidence.Examples.Where(papers.ContainsKey).Select(q => papers[q]))
            {
                detail.Add($"example: {Clip(paper.Title, 90)} ({ResultActions.Reference(paper)})");
                if (evidence.Examples.Count > 1 && LikeThisCommand.RemovePayload(s.Id, paper) is { } payload)
                {
                    removals.Add(new ReplyChoice(Clip($"#{s.Id}: {paper.Title}", 100), payload, "Remove this example", null));
                }
            }

            detail.Add($"votes: {evidence.Ups.ToString(CultureInfo.InvariantCulture)} 👍 · {evidence.Downs.ToString(CultureInfo.InvariantCulture)} 👎");
            detail.Add(model is null
                ? "threshold: not fitted yet (the similarity engine is loading)"
                : $"threshold: {model.Threshold.ToString("0.000", CultureInfo.InvariantCulture)} (calibrated to about {(s.PerWeek ?? LikeAlertModels.DefaultPerWeek).ToString("0.#", CultureInfo.InvariantCulture)} a week; moves with votes)");
            sections.Add(new ReplySection($"#{s.Id.ToString(CultureInfo.InvariantCulture)} learns from", [.. detail]));
        }

        return CommandResult.Ok(new Reply
        {
            Title = $"Alerts in this channel ({subscriptions.Count.ToString(CultureInfo.InvariantCulture)})",
            Sections = sections.ToImmutable(),
            Actions = removals.Count > 0 ? [ReplyAction.Select("Remove an example…", removals, "remove")] : [],
            Footer = "arXiv announces new papers on weekdays around midnight US Eastern time; nothing is posted on days without announcements. /unsubscribe ID stops one.",
        });
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Line(AlertSubscription s, DateTimeOffset now)
    {
        var last = s.LastDeliveredAt is { } l ? "last posted " + PaperFormatting.Ago(l, now) : "nothing posted yet";
        var state = s.IsActive ? "" : $" · DISABLED: {s.DisabledReason}";
        return $"#{s.Id} · {s.Query} · {SubscribeReplies.Schedule(s)} · {last} · {PaperFormatting.Count(s.MatchCount, "match")}{state}";
    }
}
