using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Replies;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord.Interactions;

/// <summary>
/// Answers one interaction within Discord's 3-second limit whatever the command costs. <see cref="CommandRunner"/>
/// decides: a quick command finished within <see cref="DiscordOptions.QuickReplyBudget"/> is answered directly (type 4);
/// everything else is deferred (type 5) at once and the reply is written into <c>@original</c>. Never throws.
/// </summary>
public sealed class InteractionHandler(
    CommandRunner runner,
    ActionHandler actions,
    DiscordReplyRenderer renderer,
    DiscordApi api,
    IOptions<DiscordOptions> options,
    ILogger<InteractionHandler> logger)
{
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int AutocompleteInteraction = 4;

    public async Task HandleAsync(JsonElement interaction, InteractionResponder respond, CancellationToken cancellationToken)
    {
        var id = InteractionMapper.String(interaction, "id") ?? "?";
        try
        {
            var type = interaction.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var ti) ? ti : 0;
            switch (type)
            {
                case 1:
                    await respond(InteractionCallbacks.PongResponse(), cancellationToken);
                    break;
                case ApplicationCommand:
                    await HandleCommandAsync(interaction, respond, cancellationToken);
                    break;
                case MessageComponent:
                    await HandleComponentAsync(interaction, respond, cancellationToken);
                    break;
                case AutocompleteInteraction:
                    await HandleAutocompleteAsync(interaction, respond, cancellationToken);
                    break;
                default:
                    Log.InteractionUnsupported(logger, type, id);
                    await respond(InteractionCallbacks.Message(renderer.Render(Reply.Info("ResearchBot only answers slash commands."), ephemeral: true)), cancellationToken);
                    break;
            }
        }
        catch (DiscordApiException ex)
        {
            // 10062 unknown interaction (answered too late) or 40060 already acknowledged end here.
            Log.InteractionResponseFailed(logger, id, ex.Status, ex.Code);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InteractionFailed(logger, ex, id);
        }
    }

    private async Task HandleCommandAsync(JsonElement interaction, InteractionResponder respond, CancellationToken cancellationToken)
    {
        var data = interaction.GetProperty("data");
        var context = InteractionMapper.ToContext(interaction);
        if (InteractionMapper.CommandType(data) == CommandRegistrar.MessageCommandType)
        {
            await HandleMessageCommandAsync(interaction, data, context, respond, cancellationToken);
            return;
        }

        await RunCommandAsync(interaction, InteractionMapper.ToInput(data), context, respond, cancellationToken);
    }

    /// <summary>
    /// "Similar papers" on a message (interaction type 2, <c>data.type</c> 3): the first paper reference in the
    /// target message's content, then its embeds, runs <c>/similar</c> and is answered like the typed command; a
    /// message without one gets a private one-line explanation.
    /// </summary>
    private async Task HandleMessageCommandAsync(JsonElement interaction, JsonElement data, CommandContext context, InteractionResponder respond, CancellationToken cancellationToken)
    {
        var name = InteractionMapper.String(data, "name");
        var input = name == MessageCommands.SimilarPapersName ? MessageCommands.SimilarPapers(InteractionMapper.TargetMessageTexts(data)) : null;
        if (input is null)
        {
            var why = name == MessageCommands.SimilarPapersName ? MessageCommands.NoReference : "ResearchBot does not know that message command.";
            await respond(InteractionCallbacks.Message(renderer.Render(Reply.Info(why), ephemeral: true)), cancellationToken);
            Log.MessageCommandSkipped(logger, name ?? "?", context.CorrelationId);
            return;
        }

        await RunCommandAsync(interaction, input, context, respond, cancellationToken);
    }

    private async Task RunCommandAsync(JsonElement interaction, CommandInput input, CommandContext context, InteractionResponder respond, CancellationToken cancellationToken)
    {
        var token = InteractionMapper.String(interaction, "token") ?? "";
        var applicationId = InteractionMapper.String(interaction, "application_id") ?? options.Value.ApplicationId;

        var run = await runner.StartAsync(input, context, options.Value.QuickReplyBudget, cancellationToken);
        if (run is CommandRun.Answered answered)
        {
            var message = renderer.Render(answered.Reply, ephemeral: true);
            if (message.Files.IsDefaultOrEmpty)
            {
                await respond(InteractionCallbacks.Message(message), cancellationToken);
                Log.InteractionAnswered(logger, input.Command, context.CorrelationId, false);
                return;
            }

            // Files travel in a follow-up: defer, then edit the original with them.
            await respond(InteractionCallbacks.Deferred(ephemeral: false), cancellationToken);
            await FollowUpAsync(applicationId, token, answered.Reply, cancellationToken);
            Log.InteractionAnswered(logger, input.Command, context.CorrelationId, true);
            return;
        }

        await respond(InteractionCallbacks.Deferred(ephemeral: false), cancellationToken);
        var reply = await ((CommandRun.Deferred)run).Completion;
        await FollowUpAsync(applicationId, token, reply, cancellationToken);
        Log.InteractionAnswered(logger, input.Command, context.CorrelationId, true);
    }

    /// <summary>
    /// A button or select on one of our messages (type 3). "More" replaces that message (7, or 6 then an edit of
    /// <c>@original</c>); "Similar to…" answers with a new message (4, or 5 then an edit). A private or error answer
    /// never replaces the shared message: it goes to the clicker alone.
    /// </summary>
    private async Task HandleComponentAsync(JsonElement interaction, InteractionResponder respond, CancellationToken cancellationToken)
    {
        var data = interaction.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var payload = InteractionMapper.ComponentPayload(data);
        var context = InteractionMapper.ToContext(interaction);
        var token = InteractionMapper.String(interaction, "token") ?? "";
        var applicationId = InteractionMapper.String(interaction, "application_id") ?? options.Value.ApplicationId;

        var click = await actions.StartAsync(payload, context, options.Value.QuickReplyBudget, cancellationToken);
        var update = click.Target == ActionTarget.UpdateMessage;
        if (click.Run is CommandRun.Answered answered)
        {
            var reply = answered.Reply;
            if (reply.Visibility == ReplyVisibility.Private)
            {
                await respond(InteractionCallbacks.Message(renderer.Render(reply, ephemeral: true)), cancellationToken);
            }
            else if (update && reply.Attachments.IsDefaultOrEmpty)
            {
                await respond(InteractionCallbacks.Update(Replacing(renderer.Render(reply, ephemeral: false))), cancellationToken);
            }
            else if (update)
            {
                await respond(InteractionCallbacks.DeferredUpdate(), cancellationToken);
                await api.EditOriginalAsync(applicationId, token, Replacing(renderer.Render(reply, ephemeral: false)), cancellationToken);
            }
            else if (reply.Attachments.IsDefaultOrEmpty)
            {
                await respond(InteractionCallbacks.Message(renderer.Render(reply, ephemeral: false)), cancellationToken);
            }
            else
            {
                await respond(InteractionCallbacks.Deferred(ephemeral: false), cancellationToken);
                await FollowUpAsync(applicationId, token, reply, cancellationToken);
            }

            Log.ComponentAnswered(logger, click.Target.ToString(), context.CorrelationId, false);
            return;
        }

        var completion = ((CommandRun.Deferred)click.Run).Completion;
        if (update)
        {
            await respond(InteractionCallbacks.DeferredUpdate(), cancellationToken);
            var reply = await completion;
            if (reply.Visibility == ReplyVisibility.Private)
            {
                await api.CreateFollowupAsync(applicationId, token, renderer.Render(reply, ephemeral: true), cancellationToken);
            }
            else
            {
                await api.EditOriginalAsync(applicationId, token, Replacing(renderer.Render(reply, ephemeral: false)), cancellationToken);
            }
        }
        else
        {
            await respond(InteractionCallbacks.Deferred(ephemeral: false), cancellationToken);
            await FollowUpAsync(applicationId, token, await completion, cancellationToken);
        }

        Log.ComponentAnswered(logger, click.Target.ToString(), context.CorrelationId, true);
    }

    /// <summary>An edit keeps the old message's components unless told otherwise: a page without "More" clears them.</summary>
    private static DiscordMessage Replacing(DiscordMessage message) =>
        message with { Components = message.Components ?? [], Content = message.Content ?? (message.Embeds.IsDefaultOrEmpty ? null : "") };

    /// <summary>Fills the deferred reply; a private reply (an error) replaces it with an ephemeral follow-up.</summary>
    private async Task FollowUpAsync(string applicationId, string token, Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Visibility == ReplyVisibility.Private)
        {
            await api.DeleteOriginalAsync(applicationId, token, cancellationToken);
            await api.CreateFollowupAsync(applicationId, token, renderer.Render(reply, ephemeral: true), cancellationToken);
            return;
        }

        await api.EditOriginalAsync(applicationId, token, renderer.Render(reply, ephemeral: false), cancellationToken);
    }

    private async Task HandleAutocompleteAsync(JsonElement interaction, InteractionResponder respond, CancellationToken cancellationToken)
    {
        var (command, option, partial) = InteractionMapper.ToAutocomplete(interaction.GetProperty("data"));
        var context = InteractionMapper.ToContext(interaction);
        var choices = await runner.CompleteAsync(command, option, partial, context, options.Value.QuickReplyBudget, cancellationToken);
        await respond(InteractionCallbacks.Autocomplete(choices), cancellationToken);
    }
}
