using Microsoft.Extensions.Logging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Actions;

/// <summary>
/// Turns a click (a payload a client sent back) into a run of <see cref="CommandRunner"/>, so clicks are acknowledged
/// within the same budget as commands. A payload this version did not write gets a private one-line answer, never
/// an exception.
/// </summary>
public sealed class ActionHandler(CommandRunner runner, ILogger<ActionHandler> logger)
{
    /// <summary>What a person sees for a tampered, unknown or outdated button.</summary>
    public const string Expired = "That button is out of date. Run the command again.";

    public async Task<ActionRun> StartAsync(string? payload, CommandContext context, TimeSpan inlineBudget, CancellationToken cancellationToken)
    {
        if (!ActionPayload.TryDecode(payload, out var action))
        {
            Log.ActionRejected(logger, payload?.Length ?? 0, context.Channel.ToString(), context.CorrelationId);
            return new ActionRun(new CommandRun.Answered(Reply.Error(Expired), context.CorrelationId), ActionTarget.NewMessage);
        }

        var run = await runner.StartAsync(action.Command, context, inlineBudget, cancellationToken);
        return new ActionRun(run, action.Target);
    }
}

/// <summary>A click's run and where its answer goes. An error or private answer never replaces a shared message.</summary>
public sealed record ActionRun(CommandRun Run, ActionTarget Target);
