using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Messaging;

/// <summary>Posts a reply into a channel of one platform, unprompted (alerts, digests).</summary>
public interface IChatPublisher
{
    /// <summary>The <see cref="ChannelAddress.Platform"/> this publisher serves.</summary>
    string Platform { get; }

    /// <summary>Posts the reply. Throws <see cref="ChatDeliveryException"/> when the platform refuses.</summary>
    Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken);
}
