using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Interactivity;

/// <summary>
/// A click on one of our buttons or menus, from either transport. The transport acknowledges at once; the click runs
/// through <see cref="ActionHandler"/> (the one command runner) and its answer goes to the payload's response_url:
/// "More" replaces the message (<c>replace_original</c>), "Similar to…" posts a new one, and a private or error
/// answer goes to the clicker alone, never over the shared message. The message shortcut "Similar papers"
/// (<c>message_action</c>, callback id <see cref="MessageCommands.SimilarPapersCallbackId"/>) arrives the same way:
/// the first paper reference in the message runs <c>/similar</c>, answered as a new message through response_url,
/// or privately when the message names no paper.
/// </summary>
public sealed class BlockActionHandler(
    ActionHandler actions,
    CommandRunner runner,
    ResponseUrlSender responses,
    FollowUpTracker followUps,
    IOptions<SlackOptions> options,
    ILogger<BlockActionHandler> logger)
{
    /// <summary>Starts handling and returns at once; never throws.</summary>
    public void Handle(JsonElement payload, CancellationToken cancellationToken)
    {
        if (MessageShortcutPayload.FromJson(payload) is { } shortcut)
        {
            responses.Register(shortcut.ResponseUrl);
            followUps.Track(AnswerShortcutAsync(shortcut, cancellationToken));
            return;
        }

        var click = BlockActionPayload.FromJson(payload);
        if (click is null)
        {
            Log.PayloadSkipped(logger, "interaction that is neither a block_actions click nor a message shortcut with team, channel, user and response_url");
            return;
        }

        responses.Register(click.ResponseUrl);
        followUps.Track(AnswerAsync(click, cancellationToken));
    }

    private async Task AnswerAsync(BlockActionPayload click, CancellationToken cancellationToken)
    {
        var context = SlackPlatform.Context(options.Value, click.TeamId, click.ChannelId, click.UserId);
        try
        {
            var run = await actions.StartAsync(click.Value, context, TimeSpan.Zero, cancellationToken);
            var reply = await run.Run.ReplyAsync();
            var message = SlackReplyRenderer.Render(reply);
            var body = SlackResponseBody.From(message) with { ReplaceOriginal = run.Target == ActionTarget.UpdateMessage && !message.Ephemeral };
            await responses.PostAsync(click.ResponseUrl, body, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is SlackApiException or SlackTransportException or ResponseUrlExpiredException)
        {
            Log.FollowUpFailed(logger, "response_url", ex.Message, context.CorrelationId);
        }
    }

    private async Task AnswerShortcutAsync(MessageShortcutPayload shortcut, CancellationToken cancellationToken)
    {
        var context = SlackPlatform.Context(options.Value, shortcut.TeamId, shortcut.ChannelId, shortcut.UserId);
        try
        {
            var input = shortcut.CallbackId == MessageCommands.SimilarPapersCallbackId ? MessageCommands.SimilarPapers(shortcut.Texts) : null;
            Reply reply;
            if (input is null)
            {
                Log.ShortcutSkipped(logger, shortcut.CallbackId, context.CorrelationId);
                reply = Reply.Info(shortcut.CallbackId == MessageCommands.SimilarPapersCallbackId ? MessageCommands.NoReference : "ResearchBot does not know that shortcut.");
            }
            else
            {
                var run = await runner.StartAsync(input, context, TimeSpan.Zero, cancellationToken);
                reply = await run.ReplyAsync();
            }

            // The shortcut's message is someone else's: the answer is always a new message (or a private line).
            var body = SlackResponseBody.From(SlackReplyRenderer.Render(reply)) with { ReplaceOriginal = false };
            await responses.PostAsync(shortcut.ResponseUrl, body, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is SlackApiException or SlackTransportException or ResponseUrlExpiredException)
        {
            Log.FollowUpFailed(logger, "response_url", ex.Message, context.CorrelationId);
        }
    }
}
