using System.Collections.Immutable;
using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Commands.Subscribe;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Subscriptions;

/// <summary><c>/subscriptions</c>: this channel's alerts with ids, mode, last delivery and matches so far.</summary>
public sealed class SubscriptionsCommand(IAlertStore store, TimeProvider timeProvider) : ICommand
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
        return CommandResult.Ok(new Reply
        {
            Title = $"Alerts in this channel ({subscriptions.Count.ToString(CultureInfo.InvariantCulture)})",
            Sections = [new ReplySection("Id · query · mode · last delivery · matches so far", lines)],
            Footer = "arXiv announces new papers on weekdays around midnight US Eastern time; nothing is posted on days without announcements. /unsubscribe ID stops one.",
        });
    }

    private static string Line(AlertSubscription s, DateTimeOffset now)
    {
        var last = s.LastDeliveredAt is { } l ? "last posted " + PaperFormatting.Ago(l, now) : "nothing posted yet";
        var state = s.IsActive ? "" : $" · DISABLED: {s.DisabledReason}";
        return $"#{s.Id} · {s.Query} · {SubscribeReplies.Schedule(s)} · {last} · {PaperFormatting.Count(s.MatchCount, "match")}{state}";
    }
}
