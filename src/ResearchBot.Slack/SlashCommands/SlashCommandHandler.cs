using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.SlashCommands;

/// <summary>
/// One slash command from either transport. Returns what goes into the ack (within Slack's 3 s), as
/// <see cref="CommandRunner"/> decides: the answer itself when the command is <see cref="CommandSpec.Quick"/> and
/// finishes within <see cref="SlackOptions.InlineAnswerBudget"/>, otherwise nothing, with the answer following
/// through response_url (or chat.postMessage once that is spent). Never waits for a slow command.
/// </summary>
public sealed class SlashCommandHandler(
    CommandRunner runner,
    ResponseUrlSender responses,
    SlackWebApiClient api,
    FollowUpTracker followUps,
    IOptions<SlackOptions> options,
    ILogger<SlashCommandHandler> logger)
{
    private const int MaxFilesPerAnswer = 4;
    private int _filesRefused;

    /// <param name="payload">The command as Slack sent it.</param>
    /// <param name="cancellationToken">The Slack service's lifetime (not the HTTP request's): the work outlives the ack.</param>
    public async Task<SlackResponseBody?> HandleAsync(SlashCommandPayload payload, CancellationToken cancellationToken)
    {
        var input = SlashCommandParser.Parse(payload, options.Value.UmbrellaCommand);
        var context = SlackPlatform.Context(options.Value, payload.TeamId, payload.ChannelId, payload.UserId);
        if (payload.ResponseUrl is not null)
        {
            responses.Register(payload.ResponseUrl);
        }

        var run = await runner.StartAsync(input, context, options.Value.InlineAnswerBudget, cancellationToken);
        if (run is CommandRun.Answered answered)
        {
            Log.AnsweredInline(logger, input.Command, context.CorrelationId);
            if (HasFilesToShare(answered.Reply))
            {
                // The answer goes out with the ack; its files follow once Slack has it.
                followUps.Track(ShareFilesAsync(payload.ChannelId, answered.Reply, context.CorrelationId, cancellationToken));
            }

            return SlackResponseBody.From(SlackReplyRenderer.Render(answered.Reply));
        }

        Log.AnswerDeferred(logger, input.Command, context.CorrelationId);
        followUps.Track(FollowUpAsync(payload, context, ((CommandRun.Deferred)run).Completion, cancellationToken));
        return null;
    }

    private async Task FollowUpAsync(SlashCommandPayload payload, CommandContext context, Task<Reply> dispatch, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await dispatch;
            if (await DeliverAsync(payload, context, SlackReplyRenderer.Render(reply), cancellationToken) && HasFilesToShare(reply))
            {
                await ShareFilesAsync(payload.ChannelId, reply, context.CorrelationId, cancellationToken);
            }
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

    /// <summary>Posts a deferred answer; true when Slack confirmed it.</summary>
    private async Task<bool> DeliverAsync(SlashCommandPayload payload, CommandContext context, SlackMessage message, CancellationToken cancellationToken)
    {
        if (payload.ResponseUrl is not null)
        {
            try
            {
                await responses.PostAsync(payload.ResponseUrl, SlackResponseBody.From(message), cancellationToken);
                return true;
            }
            catch (ResponseUrlExpiredException ex)
            {
                Log.ResponseUrlSpent(logger, ex.Message, context.CorrelationId);
            }
            catch (SlackTransportException ex) when (ex.MayHaveBeenDelivered)
            {
                // Slack may have shown it: posting again could duplicate the answer.
                Log.FollowUpFailed(logger, "response_url", ex.Message, context.CorrelationId);
                return false;
            }
            catch (Exception ex) when (ex is SlackApiException or SlackTransportException)
            {
                Log.FollowUpFailed(logger, "response_url", ex.Message, context.CorrelationId);
            }
        }

        if (message.Ephemeral)
        {
            Log.FollowUpDropped(logger, context.CorrelationId);
            return false;
        }

        await api.PostMessageAsync(ChatPostMessageRequest.From(payload.ChannelId, message), cancellationToken);
        return true;
    }

    /// <summary>A file shared in a channel is visible to all of it, so a private answer never shares its files.</summary>
    private bool HasFilesToShare(Reply reply) =>
        !reply.Attachments.IsDefaultOrEmpty && reply.Visibility == ReplyVisibility.Channel && options.Value.ShareFiles && Volatile.Read(ref _filesRefused) == 0;

    /// <summary>Shares the answer's files (e.g. the /author chart) in the channel; a refusal is logged, never shown as an error.</summary>
    private async Task ShareFilesAsync(string channelId, Reply reply, string correlationId, CancellationToken cancellationToken)
    {
        foreach (var file in reply.Attachments.Take(MaxFilesPerAnswer))
        {
            try
            {
                await api.UploadFileAsync(channelId, file.FileName, file.Content, file.Description, cancellationToken);
                Log.FileShared(logger, file.FileName, file.Content.Length, correlationId);
            }
            catch (SlackApiException ex) when (ex.Error is "missing_scope" or "not_allowed_token_type" or "no_permission")
            {
                // The app was installed without files:write: say so once, then stop trying on every answer.
                if (Interlocked.Exchange(ref _filesRefused, 1) == 0)
                {
                    Log.FilesScopeMissing(logger, ex.Error);
                }

                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // shutting down
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the answer itself is out: a missing chart is logged, never raised.
                Log.FileShareFailed(logger, file.FileName, ex.Message, correlationId);
                return;
            }
        }
    }
}
