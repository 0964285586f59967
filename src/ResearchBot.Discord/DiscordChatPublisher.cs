using Microsoft.Extensions.Logging;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord;

/// <summary>
/// Posts alerts into channels through <c>POST /channels/{id}/messages</c>; never retried blindly. With an idempotency
/// key the post carries <c>nonce</c> + <c>enforce_nonce</c>, so a repeat after a crash mid-send is not shown twice.
/// </summary>
public sealed class DiscordChatPublisher(DiscordApi api, DiscordReplyRenderer renderer, ILogger<DiscordChatPublisher> logger) : IIdempotentChatPublisher
{
    /// <summary>Discord checks nonces "in the past few minutes"; stay well inside that.</summary>
    public static readonly TimeSpan NonceWindow = TimeSpan.FromMinutes(2);

    public string Platform => Interactions.InteractionMapper.Platform;

    public TimeSpan IdempotencyWindow => NonceWindow;

    public Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken) =>
        PublishCoreAsync(channel, reply, null, cancellationToken);

    public Task PublishAsync(ChannelAddress channel, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey.Length is 0 or > 25 || !idempotencyKey.All(char.IsAscii))
        {
            throw new ArgumentException("A Discord nonce is 1–25 ASCII characters.", nameof(idempotencyKey));
        }

        return PublishCoreAsync(channel, reply, idempotencyKey, cancellationToken);
    }

    private async Task PublishCoreAsync(ChannelAddress channel, Reply reply, string? nonce, CancellationToken cancellationToken)
    {
        if (!string.Equals(channel.Platform, Platform, StringComparison.OrdinalIgnoreCase))
        {
            throw new ChatDeliveryException($"{channel} is not a Discord channel.", "wrong_platform", permanent: true);
        }

        if (!DiscordOptionsValidator.IsSnowflake(channel.Channel))
        {
            throw new ChatDeliveryException($"{channel} has no valid Discord channel id.", "invalid_channel", permanent: true);
        }

        try
        {
            var message = renderer.Render(reply, ephemeral: false);
            if (nonce is not null)
            {
                message = message with { Nonce = nonce, EnforceNonce = true };
            }

            await api.CreateMessageAsync(channel.Channel, message, cancellationToken);
        }
        catch (DiscordApiException ex)
        {
            Log.PublishFailed(logger, channel.ToString(), ex.Status, ex.Code);
            throw Map(ex, channel);
        }
    }

    /// <summary>
    /// 10003 unknown channel, 50001 missing access, 50013 missing permissions, or a 404 on the channel: retrying
    /// cannot help. 429: carry retry_after. Timeout: the post may have gone through.
    /// </summary>
    internal static ChatDeliveryException Map(DiscordApiException ex, ChannelAddress channel)
    {
        var code = ex.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (ex.Status == 0 ? "timeout" : "http_" + ex.Status);
        return ex switch
        {
            { TimedOut: true } => new ChatDeliveryException($"Posting to {channel} timed out; it may have been delivered.", code, mayHaveBeenDelivered: true, inner: ex),
            { Code: 10003 or 50001 or 50013 } or { Status: 404 or 403 } => new ChatDeliveryException($"Discord refused posting to {channel}: {ex.Message}", code, permanent: true, inner: ex),
            { Status: 429 } => new ChatDeliveryException($"Discord rate limited posting to {channel}.", code, retryAfter: ex.RetryAfter ?? TimeSpan.FromSeconds(1), inner: ex),
            { Status: 401 } => new ChatDeliveryException("Discord rejected the bot token.", code, inner: ex),
            _ => new ChatDeliveryException($"Posting to {channel} failed: {ex.Message}", code, inner: ex),
        };
    }
}
