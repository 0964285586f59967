namespace ResearchBot.Slack.SocketMode;

/// <summary>
/// Remembers the envelopes (and slash-command trigger ids) already taken for ten minutes, so an envelope Slack
/// re-sends, on the same or another connection, is acknowledged again but handled once.
/// </summary>
public sealed class EnvelopeDeduplicator(TimeProvider timeProvider)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private const int MaxEntries = 10_000;

    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>True the first time any of <paramref name="keys"/> is seen; false for a re-send.</summary>
    public bool TryBegin(params ReadOnlySpan<string?> keys)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            while (_order.Count > 0 && (now - _order.Peek().At > Window || _order.Count > MaxEntries))
            {
                var (key, at) = _order.Dequeue();
                if (_seen.TryGetValue(key, out var seenAt) && seenAt == at)
                {
                    _seen.Remove(key);
                }
            }

            foreach (var key in keys)
            {
                if (key is not null && _seen.ContainsKey(key))
                {
                    return false;
                }
            }

            foreach (var key in keys)
            {
                if (key is not null)
                {
                    _seen[key] = now;
                    _order.Enqueue((key, now));
                }
            }

            return true;
        }
    }
}
