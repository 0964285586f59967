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
/// answer goes to the clicker alone, never over the shared message.
/// </summary>
public sealed class BlockActionHandler(
    ActionHandler actions,
    ResponseUrlSender responses,
    FollowUpTracker followUps,
    IOptions<SlackOptions> options,
    ILogger<BlockActionHandler> logger)
{
    /// <summary>Starts handling and returns at once; never throws.</summary>
    public void Handle(JsonElement payload, CancellationToken cancellationToken)
    {
        var click = BlockActionPayload.FromJson(payload);
        if (click is null)
        {
            Log.PayloadSkipped(logger, "interaction that is not a block_actions click with team, channel, user and response_url");
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
}
