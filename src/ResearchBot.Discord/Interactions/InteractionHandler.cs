using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
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
    DiscordReplyRenderer renderer,
    DiscordApi api,
    IOptions<DiscordOptions> options,
    ILogger<InteractionHandler> logger)
{
    public const int ApplicationCommand = 2;
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
        var input = InteractionMapper.ToInput(data);
        var context = InteractionMapper.ToContext(interaction);
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
