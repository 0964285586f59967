using System.Text;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Alerts.CrashHost;

/// <summary>
/// Appends one line per post: <c>key TAB channel TAB paper-id,paper-id,…</c>. In idempotent mode it behaves like a
/// platform that honours a nonce: a post whose key it has already written is dropped (and counted in a side file).
/// </summary>
public sealed class FileSinkPublisher : IIdempotentChatPublisher
{
    private readonly string _path;
    private readonly HashSet<string> _keys;

    private readonly TimeSpan _latency;

    public FileSinkPublisher(string path, TimeSpan latency)
    {
        _path = path;
        _latency = latency;
        _keys = File.Exists(path)
            ? [.. File.ReadLines(path).Select(l => l.Split('\t')[0]).Where(k => k.Length > 0)]
            : [];
    }

    public string Platform => "test";

    public TimeSpan IdempotencyWindow => TimeSpan.FromDays(1);

    public Task PublishAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the outbox must use the keyed overload for an idempotent publisher");

    public async Task PublishAsync(ChannelAddress channel, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        // Request on the wire, the platform posts, the response comes back: a kill can land on either side.
        await Task.Delay(_latency, cancellationToken);
        if (!_keys.Add(idempotencyKey))
        {
            await File.AppendAllTextAsync(_path + ".dedup", idempotencyKey + "\n", cancellationToken);
        }
        else
        {
            Append(_path, idempotencyKey, channel, reply);
        }

        await Task.Delay(_latency, cancellationToken);
    }

    internal static void Append(string path, string key, ChannelAddress channel, Reply reply)
    {
        var line = $"{key}\t{channel}\t{string.Join(',', reply.Papers.Select(p => p.Id))}\n";
        // One write call per line; a kill lands before or after it.
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(line));
    }
}
