using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands;

/// <summary>
/// Runs one command invocation end to end: find, bind, check rights, execute with a time limit, and turn every
/// outcome, including bugs, into a reply. Nothing thrown by a command reaches a platform. Every outcome is counted
/// and timed in <see cref="CommandMetrics"/> (registered by <c>AddResearchBotCore()</c>; a dispatcher built by hand
/// without one records nothing).
/// </summary>
public sealed class CommandDispatcher(CommandCatalog catalog, IOptions<CommandOptions> options, ILogger<CommandDispatcher> logger, TimeProvider timeProvider, CommandMetrics? metrics = null)
{
    public CommandCatalog Catalog => catalog;

    public async Task<Reply> DispatchAsync(CommandInput input, CommandContext context, CancellationToken cancellationToken)
    {
        var received = timeProvider.GetTimestamp();
        var platform = context.Channel.Platform;
        var name = InputSanitizer.Clean(input.Command).TrimStart('/').ToLowerInvariant();
        if (name.Length == 0)
        {
            return Done(Reply.Error("Type a command, for example `/help`."), CommandMetrics.UnknownCommandTag, CommandOutcome.UnknownCommand);
        }

        var command = catalog.Find(name);
        if (command is null)
        {
            var shown = ArgumentBinder.Shorten(name);
            var closest = catalog.Closest(name);
            return Done(Reply.Error(closest is null
                ? $"There is no command `/{shown}`. Try `/help`."
                : $"There is no command `/{shown}`. Did you mean `/{closest}`? (`/help` lists them all.)"), CommandMetrics.UnknownCommandTag, CommandOutcome.UnknownCommand);
        }

        Log.CommandReceived(logger, command.Spec.Name, context.Channel.ToString(), context.UserId, context.CorrelationId);
        var (arguments, error) = ArgumentBinder.Bind(command.Spec, input);
        if (arguments is null)
        {
            return Done(Reply.Error(error!), command.Spec.Name, CommandOutcome.UsageError);
        }

        if (command.Spec.RequiresChannelAdmin && !context.CanManageChannel)
        {
            Log.CommandRefused(logger, command.Spec.Name, "missing channel-management right", context.CorrelationId);
            return Done(Reply.Error(ChannelRights.Refusal(command.Spec)), command.Spec.Name, CommandOutcome.Refused);
        }

        var started = timeProvider.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var result = await command.ExecuteAsync(context, arguments, timeout.Token);
            Log.CommandAnswered(logger, command.Spec.Name, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds, context.CorrelationId);
            return Done(result.ToReply(), command.Spec.Name, CommandOutcome.Of(result));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.CommandTimedOut(logger, command.Spec.Name, options.Value.Timeout.TotalSeconds, context.CorrelationId);
            return Done(Reply.Error($"`/{command.Spec.Name}` took too long and was stopped. Please try again in a moment (ref {context.CorrelationId})."), command.Spec.Name, CommandOutcome.Timeout);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (shutdown): no reply to give, but the attempt still counts.
            metrics?.Record(command.Spec.Name, platform, CommandOutcome.Cancelled, timeProvider.GetElapsedTime(received));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CommandFailed(logger, ex, command.Spec.Name, context.CorrelationId);
            return Done(Reply.Error($"Sorry, something went wrong with `/{command.Spec.Name}`. It has been logged (ref {context.CorrelationId})."), command.Spec.Name, CommandOutcome.Error);
        }

        Reply Done(Reply reply, string commandTag, string outcome)
        {
            metrics?.Record(commandTag, platform, outcome, timeProvider.GetElapsedTime(received));
            return reply;
        }
    }

    /// <summary>Completions for a parameter, for platforms that offer autocomplete; never throws.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(string commandName, string parameter, string partial, CommandContext context, CancellationToken cancellationToken)
    {
        if (catalog.Find(commandName) is not ICommandAutocomplete completer)
        {
            return [];
        }

        try
        {
            return await completer.CompleteAsync(parameter, InputSanitizer.Clean(partial), context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CommandFailed(logger, ex, commandName + " (autocomplete)", context.CorrelationId);
            return [];
        }
    }
}
