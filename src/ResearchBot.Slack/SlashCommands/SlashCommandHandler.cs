using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.SlashCommands;

/// <summary>
/// One slash command from either transport. Returns what goes into the ack (within Slack's 3 s): the answer itself
/// when the command is <see cref="CommandSpec.Quick"/> and finishes within <see cref="SlackOptions.InlineAnswerBudget"/>,
/// otherwise nothing, with the answer following through response_url (or chat.postMessage once that is spent).
/// </summary>
public sealed class SlashCommandHandler(
    CommandDispatcher dispatcher,
    ResponseUrlSender responses,
    SlackWebApiClient api,
    FollowUpTracker followUps,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SlashCommandHandler> logger)
{
    /// <param name="payload">The command as Slack sent it.</param>
    /// <param name="cancellationToken">The Slack service's lifetime (not the HTTP request's): the work outlives the ack.</param>
    public async Task<SlackResponseBody?> HandleAsync(SlashCommandPayload payload, CancellationToken cancellationToken)
    {
        var input = SlashCommandParser.Parse(payload, options.Value.UmbrellaCommand);
        var admins = options.Value.SubscriptionAdmins;
        var context = new CommandContext(
            new ChannelAddress(SlackPlatform.Name, payload.TeamId, payload.ChannelId),
            payload.UserId,
            CanManageChannel: admins.Length == 0 || admins.Contains(payload.UserId, StringComparer.Ordinal));
        if (payload.ResponseUrl is not null)
        {
            responses.Register(payload.ResponseUrl);
        }

        var spec = dispatcher.Catalog.Find(input.Command)?.Spec;
        var quick = spec is null || spec.Quick; // an unknown command only produces an error reply
        var dispatch = dispatcher.DispatchAsync(input, context, cancellationToken);
        if (quick)
        {
            using var budgetCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var budget = Task.Delay(options.Value.InlineAnswerBudget, timeProvider, budgetCts.Token);
            if (await Task.WhenAny(dispatch, budget) == dispatch)
            {
                await budgetCts.CancelAsync();
                Log.AnsweredInline(logger, input.Command, context.CorrelationId);
                return SlackResponseBody.From(SlackReplyRenderer.Render(await dispatch));
            }
        }

        Log.AnswerDeferred(logger, input.Command, context.CorrelationId);
        followUps.Track(FollowUpAsync(payload, context, dispatch, cancellationToken));
        return null;
    }

    private async Task FollowUpAsync(SlashCommandPayload payload, CommandContext context, Task<Reply> dispatch, CancellationToken cancellationToken)
    {
        try
        {
            var message = SlackReplyRenderer.Render(await dispatch);
            if (payload.ResponseUrl is not null)
            {
                try
                {
                    await responses.PostAsync(payload.ResponseUrl, SlackResponseBody.From(message), cancellationToken);
                    return;
                }
                catch (ResponseUrlExpiredException ex)
                {
                    Log.ResponseUrlSpent(logger, ex.Message, context.CorrelationId);
                }
                catch (SlackTransportException ex) when (ex.MayHaveBeenDelivered)
                {
                    // Slack may have shown it: posting again could duplicate the answer.
                    Log.FollowUpFailed(logger, "response_url", ex.Message, context.CorrelationId);
                    return;
                }
                catch (Exception ex) when (ex is SlackApiException or SlackTransportException)
                {
                    Log.FollowUpFailed(logger, "response_url", ex.Message, context.CorrelationId);
                }
            }

            if (message.Ephemeral)
            {
                Log.FollowUpDropped(logger, context.CorrelationId);
                return;
            }

            await api.PostMessageAsync(ChatPostMessageRequest.From(payload.ChannelId, message), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            Log.FollowUpFailed(logger, "chat.postMessage", ex.Message, context.CorrelationId);
        }
    }
}
