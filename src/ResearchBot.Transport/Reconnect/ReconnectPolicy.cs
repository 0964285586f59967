namespace ResearchBot.Transport.Reconnect;

/// <summary>
/// One reconnect loop's place in an <see cref="IReconnectStrategy"/>: <see cref="Next"/> takes the delay before the
/// next attempt, <see cref="Reset"/> after a good connection starts the sequence again, and <see cref="WaitAsync"/>
/// waits on the injected clock. Not thread-safe: one loop owns it.
/// </summary>
public sealed class ReconnectPolicy(IReconnectStrategy strategy, TimeProvider timeProvider)
{
    private IEnumerator<TimeSpan>? _delays;
    private TimeSpan _last;

    /// <summary>Consecutive failures since the last <see cref="Reset"/>.</summary>
    public int Failures { get; private set; }

    /// <summary>Counts a failure and returns how long to wait before trying again.</summary>
    public TimeSpan Next()
    {
        _delays ??= strategy.GetDelays().GetEnumerator();
        Failures++;
        if (_delays.MoveNext())
        {
            _last = _delays.Current < TimeSpan.Zero ? TimeSpan.Zero : _delays.Current;
        }

        return _last;
    }

    /// <summary>A connection came up: the next failure waits the first delay again.</summary>
    public void Reset()
    {
        _delays?.Dispose();
        _delays = null;
        _last = TimeSpan.Zero;
        Failures = 0;
    }

    /// <summary>Waits <paramref name="delay"/> (from <see cref="Next"/>) on the injected clock.</summary>
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken)
        : delay > TimeSpan.Zero ? Task.Delay(delay, timeProvider, cancellationToken)
        : Task.CompletedTask;
}
