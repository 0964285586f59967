namespace ResearchBot.Slack.SocketMode;

/// <summary>
/// Exponential reconnect delays with "equal jitter": the n-th consecutive failure waits between half and all of
/// <c>min(max, initial·2^(n-1))</c>, so a fleet of bots does not reconnect in lock-step. Reset after a good hello.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double> random)
{
    private int _failures;

    public int Failures => _failures;

    public TimeSpan Next()
    {
        _failures++;
        var exponent = Math.Min(_failures - 1, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (random() * half));
    }

    public void Reset() => _failures = 0;
}
