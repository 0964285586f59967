using Microsoft.Extensions.Logging;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack;

/// <summary>
/// Posts alerts with chat.postMessage. Channel-gone errors are permanent (the caller disables that channel's
/// subscriptions); a 429 beyond the wait budget carries Retry-After; a timeout says the post may have landed.
/// </summary>
public sealed class SlackChatPublisher(SlackWebApiClient api, ILogger<SlackChatPublisher> logger) : IChatPublisher
{
    public string Platform => SlackPlatform.Name;

    public async Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken)
    {
        if (!string.Equals(channel.Platform, SlackPlatform.Name, StringComparison.Ordinal))
        {
            throw new ChatDeliveryException($"SlackChatPublisher cannot post to {channel.Platform}", code: "wrong_platform", permanent: true);
        }

        // Alerts go to the whole channel whatever the reply's visibility says.
        var message = SlackReplyRenderer.Render(reply with { Visibility = ReplyVisibility.Channel });
        try
        {
            await api.PostMessageAsync(ChatPostMessageRequest.From(channel.Channel, message), cancellationToken);
        }
        catch (SlackRateLimitedException ex)
        {
            throw new ChatDeliveryException($"Slack rate-limited posts to {channel}", ex.Error, retryAfter: ex.RetryAfter, inner: ex);
        }
        catch (SlackApiException ex) when (SlackErrors.IsChannelGone(ex.Error))
        {
            Log.ChannelGone(logger, channel.ToString(), ex.Error);
            throw new ChatDeliveryException($"Slack channel {channel} cannot receive posts: {ex.Error}", ex.Error, permanent: true, inner: ex);
        }
        catch (SlackApiException ex)
        {
            // invalid_auth, token_revoked, missing_scope… need an operator, not a retry loop per message.
            throw new ChatDeliveryException($"Slack refused the post to {channel}: {ex.Error}", ex.Error, permanent: ex.IsFatalAuth, inner: ex);
        }
        catch (SlackTransportException ex)
        {
            throw new ChatDeliveryException($"Slack post to {channel} failed: {ex.Message}", "transport", mayHaveBeenDelivered: ex.MayHaveBeenDelivered, inner: ex);
        }
    }
}
