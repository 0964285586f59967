using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Unsubscribe;

/// <summary><c>/unsubscribe ID</c> (or the query text): stop one of this channel's alerts.</summary>
public sealed class UnsubscribeCommand(IAlertStore store) : ICommand
{
    public CommandSpec Spec { get; } = new("unsubscribe", "Stop one of this channel's alerts (by id or by its query)",
        [new ParameterSpec("subscription", "The alert's id from /subscriptions (e.g. 12), or its query text") { Rest = true, Required = true, MaxLength = AlertQueryParser.MaxLength, Example = "12" }])
    {
        RequiresChannelAdmin = true,
        Quick = true,
        Examples = ["/unsubscribe 12", "/unsubscribe \"diffusion model\" cat:cs.CV"],
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (ChannelRights.Check(context, Spec) is { } refused)
        {
            return refused;
        }

        var text = arguments.GetString("subscription")!.Trim();
        var subscriptions = await store.ListAsync(context.Channel, cancellationToken);
        var target = Find(subscriptions, text);
        if (target is null)
        {
            var ids = subscriptions.Count == 0 ? "This channel has no alerts." : "This channel's alerts: " + string.Join(", ", subscriptions.Select(s => $"#{s.Id} {s.Query}"));
            return CommandResult.Missing($"No alert \"{text}\" in this channel. {ids}");
        }

        // The store checks the channel again: an id from another channel or workspace is never touched.
        var removed = await store.RemoveAsync(context.Channel, target.Id, cancellationToken);
        return removed is null
            ? CommandResult.Missing($"Alert #{target.Id} was already removed.")
            : CommandResult.Ok(Reply.Info($"Removed alert #{removed.Id.ToString(CultureInfo.InvariantCulture)} ({removed.Query}). Alerts not yet posted for it are cancelled.", ReplyVisibility.Channel));
    }

    private static AlertSubscription? Find(IReadOnlyList<AlertSubscription> subscriptions, string text)
    {
        if (long.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return subscriptions.FirstOrDefault(s => s.Id == id);
        }

        var key = AlertQueryParser.Parse(text).Query?.Key;
        return subscriptions.FirstOrDefault(s => string.Equals(s.Query.Trim(), text, StringComparison.OrdinalIgnoreCase))
            ?? (key is null ? null : subscriptions.FirstOrDefault(s => AlertQueryParser.Parse(s.Query).Query?.Key == key));
    }
}
