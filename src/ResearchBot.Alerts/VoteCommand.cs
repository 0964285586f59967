using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;

namespace ResearchBot.Alerts;

/// <summary>
/// Behind the 👍 / 👎 buttons of alerts: <c>vote up|down alert:ID</c>. Records the clicker's vote on the alert (one
/// per person and alert, changeable) only when the alert was posted in the clicker's own channel, refits the
/// <c>like:</c> model at once (the next batch already uses it), and redraws the message with the tallies.
/// Button-only: not a slash command.
/// </summary>
public sealed class VoteCommand(
    IAlertStore store,
    IPaperIndex index,
    IOptions<AlertsOptions> options,
    TimeProvider timeProvider,
    ILogger<VoteCommand> logger,
    IAlertFeedbackStore feedback,
    LikeAlertModels? models = null) : ICommand
{
    public const string Name = "vote";

    /// <summary>The one line a click on someone else's (or a vanished) alert gets.</summary>
    public const string NotHere = "That alert was not posted in this channel (or is gone), so it cannot be voted on here.";

    public CommandSpec Spec { get; } = new(Name, "Vote on an alerted paper",
    [
        new ParameterSpec("vote", "up or down") { Rest = true, Required = true, Choices = ["up", "down"] },
        new ParameterSpec("alert", "The alert's number") { Kind = ParameterKind.Integer, Required = true, MinValue = 1 },
    ])
    {
        ButtonOnly = true,
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var vote = arguments.GetString("vote")?.Trim().ToLowerInvariant() switch
        {
            "up" => AlertVote.Up,
            "down" => AlertVote.Down,
            _ => (AlertVote?)null,
        };
        if (vote is null || arguments.GetInt64("alert") is not { } alertId)
        {
            return CommandResult.Usage("That vote button is out of date.");
        }

        var result = await feedback.VoteAsync(context.Channel, alertId, context.UserId, vote.Value, timeProvider.GetUtcNow(), cancellationToken);
        if (result is not VoteResult.Recorded recorded)
        {
            Log.VoteRefused(logger, alertId, context.Channel.ToString());
            return CommandResult.Usage(NotHere);
        }

        if (recorded.Changed)
        {
            await RefitAsync(context, recorded.SubscriptionId, cancellationToken);
        }

        var emoji = vote == AlertVote.Up ? "👍" : "👎";
        if (recorded.MessageKey is not { } key)
        {
            return CommandResult.Ok(Reply.Info($"Recorded your {emoji}."));
        }

        var rows = await feedback.MessageAsync(context.Channel, key, cancellationToken);
        var papers = (await index.GetBySeqAsync([.. rows.Select(r => r.PaperSeq)], cancellationToken)).ToDictionary(p => p.Seq);
        if (rows.Count == 0 || papers.Count == 0)
        {
            return CommandResult.Ok(Reply.Info($"Recorded your {emoji}."));
        }

        var tallies = await feedback.TalliesAsync([.. rows.Select(r => r.Id)], cancellationToken);
        var reply = rows[0].Mode == AlertMode.Instant
            ? AlertMessageRenderer.Instant(rows, papers, tallies)
            : AlertMessageRenderer.Digest(rows, papers, options.Value.DigestTopCount, tallies);
        return CommandResult.Ok(reply);
    }

    /// <summary>A vote on a <c>like:</c> alert refits its model now; a failure is logged, the vote stays and the next vote or refit uses it.</summary>
    private async Task RefitAsync(CommandContext context, long subscriptionId, CancellationToken cancellationToken)
    {
        if (models is not { Available: true })
        {
            return;
        }

        var subscription = (await store.ListAsync(context.Channel, cancellationToken)).FirstOrDefault(s => s.Id == subscriptionId && s.IsActive && s.IsLike);
        if (subscription is null)
        {
            return;
        }

        try
        {
            var model = await models.RefitAsync(subscription, save: true, cancellationToken);
            if (model is not null)
            {
                Log.ModelRefitted(logger, subscriptionId, model.Threshold.ToString("0.000", CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RefitFailed(logger, ex, subscriptionId);
        }
    }
}
