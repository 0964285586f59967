using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Alerts.CrashHost;

/// <summary>A platform with no de-duplication (like Slack's chat.postMessage): every post is written.</summary>
public sealed class PlainFileSinkPublisher(string path, TimeSpan latency) : IChatPublisher
{
    public string Platform => "test";

    public async Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken)
    {
        await Task.Delay(latency, cancellationToken);
        FileSinkPublisher.Append(path, "-", channel, reply);
        await Task.Delay(latency, cancellationToken);
    }
}
