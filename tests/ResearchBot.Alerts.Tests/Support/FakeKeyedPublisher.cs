using System.Collections.Concurrent;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Alerts.Tests.Support;

/// <summary>A platform that honours idempotency keys for <see cref="IdempotencyWindow"/> (like Discord's nonce).</summary>
public sealed class FakeKeyedPublisher(string platform) : IIdempotentChatPublisher
{
    public string Platform { get; } = platform;

    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromMinutes(3);

    public ConcurrentQueue<(ChannelAddress Channel, Reply Reply, string Key)> Posts { get; } = new();

    public Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the keyed overload must be used");

    public Task PublishAsync(ChannelAddress channel, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        Posts.Enqueue((channel, reply, idempotencyKey));
        return Task.CompletedTask;
    }
}
