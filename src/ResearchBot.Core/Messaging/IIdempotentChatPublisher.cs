using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Messaging;

/// <summary>
/// Optional: a publisher whose platform drops a second post carrying the same key (Discord's <c>nonce</c> with
/// <c>enforce_nonce</c>, for a few minutes). The alert outbox then re-sends a message that may or may not have gone out
/// before a crash under its original key instead of giving up on it.
/// </summary>
public interface IIdempotentChatPublisher : IChatPublisher
{
    /// <summary>How long after a first post the platform still drops a repeat with the same key; later repeats are not attempted.</summary>
    TimeSpan IdempotencyWindow { get; }

    /// <summary>Posts the reply; a repeat with the same <paramref name="idempotencyKey"/> (≤ 25 ASCII characters) is not shown twice.</summary>
    Task PublishAsync(ChannelAddress channel, Reply reply, string idempotencyKey, CancellationToken cancellationToken);
}
