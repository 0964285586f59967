using System.Collections.Concurrent;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Alerts.Tests.Support;

/// <summary>Records every post; a script of failures can be queued for the next calls.</summary>
public sealed class FakeChatPublisher(string platform) : IChatPublisher
{
    public string Platform { get; } = platform;

    public ConcurrentQueue<(ChannelAddress Channel, Reply Reply)> Posts { get; } = new();

    /// <summary>Thrown by the next calls, in order, before anything is recorded.</summary>
    public Queue<Exception> Failures { get; } = new();

    public Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken)
    {
        if (Failures.TryDequeue(out var failure))
        {
            throw failure;
        }

        Posts.Enqueue((channel, reply));
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> PostedPaperIds(ChannelAddress channel) =>
        [.. Posts.Where(p => p.Channel == channel).SelectMany(p => p.Reply.Papers).Select(p => p.Id!)];
}
