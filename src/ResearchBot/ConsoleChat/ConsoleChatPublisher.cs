using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.ConsoleChat;

/// <summary>Alerts for console channels: printed to standard output.</summary>
public sealed class ConsoleChatPublisher(ConsoleReplyWriter writer) : IChatPublisher, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Platform => ConsoleChatOptions.Platform;

    public async Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await Console.Out.WriteLineAsync($"[#{channel.Channel}]".AsMemory(), cancellationToken);
            await writer.WriteAsync(reply, Console.Out, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
