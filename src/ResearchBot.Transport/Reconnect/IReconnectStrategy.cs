namespace ResearchBot.Transport.Reconnect;

/// <summary>
/// The delays between reconnect attempts of a long-lived connection, as a sequence (NetCord's habit): the n-th item is
/// the wait before the n-th consecutive retry. Each call starts a fresh sequence, which is how a
/// <see cref="ReconnectPolicy"/> starts again after a good connection. A finite sequence repeats its last delay.
/// </summary>
public interface IReconnectStrategy
{
    IEnumerable<TimeSpan> GetDelays();
}
