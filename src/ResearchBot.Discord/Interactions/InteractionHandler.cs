using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Replies;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord.Interactions;

/// <summary>
/// Answers one interaction within Discord's 3-second limit whatever the command costs: quick commands are answered
/// directly when they finish within <see cref="DiscordOptions.QuickReplyBudget"/>; everything else is deferred
/// (type 5) at once and the reply is written into <c>@original</c>. Never throws.
/// </summary>
public sealed class InteractionHandler(
    CommandDispatcher dispatcher,
    DiscordReplyRenderer renderer,
    DiscordApi api,
    IOptions<DiscordOptions> options,
    TimeProvider timeProvider,
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
        var quick = dispatcher.Catalog.Find(input.Command)?.Spec.Quick ?? true;

        // Commands may block (SQLite has no real async I/O): keep them off the caller's thread.
        var dispatch = Task.Run(() => dispatcher.DispatchAsync(input, context, cancellationToken), cancellationToken);
        if (quick)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(options.Value.QuickReplyBudget, timeProvider, budget.Token);
            if (await Task.WhenAny(dispatch, timer) == dispatch)
            {
                await budget.CancelAsync();
                var message = renderer.Render(await dispatch, ephemeral: true);
                if (message.Files.IsDefaultOrEmpty)
                {
                    await respond(InteractionCallbacks.Message(message), cancellationToken);
                    Log.InteractionAnswered(logger, input.Command, context.CorrelationId, false);
                    return;
                }
            }
        }

        await respond(InteractionCallbacks.Deferred(ephemeral: false), cancellationToken);
        Reply reply;
        try
        {
            reply = await dispatch;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The dispatcher turns command failures into replies; this is a last resort so the user never waits forever.
            Log.InteractionFailed(logger, ex, InteractionMapper.String(interaction, "id") ?? "?");
            reply = Reply.Error($"Sorry, something went wrong (ref {context.CorrelationId}).");
        }

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
        using var timeout = new CancellationTokenSource(options.Value.QuickReplyBudget, timeProvider);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        IReadOnlyList<string> choices;
        try
        {
            choices = await dispatcher.CompleteAsync(command, option, partial, context, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            choices = [];
        }

        await respond(InteractionCallbacks.Autocomplete(choices), cancellationToken);
    }
}
