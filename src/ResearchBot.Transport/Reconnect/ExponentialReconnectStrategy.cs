namespace ResearchBot.Transport.Reconnect;

/// <summary>
/// Doubling delays with "equal jitter", the one jitter rule of every reconnect loop: the n-th delay lies between half
/// and all of <c>min(max, initial·2^(n-1))</c>, so a fleet of bots cut off together does not reconnect in lock-step.
/// </summary>
public sealed class ExponentialReconnectStrategy : IReconnectStrategy
{
    private readonly Func<double> _random;

    /// <param name="initial">Ceiling of the first delay (zero: reconnect at once, every time).</param>
    /// <param name="max">Largest ceiling; the doubling stops there.</param>
    /// <param name="random">Source of jitter in [0, 1); <see cref="Random.Shared"/> when null.</param>
    public ExponentialReconnectStrategy(TimeSpan initial, TimeSpan max, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan Initial { get; }

    public TimeSpan Max { get; }

    public IEnumerable<TimeSpan> GetDelays()
    {
        var ceiling = Initial;
        while (true)
        {
            yield return Jitter(ceiling, _random());
            ceiling = ceiling > Max / 2 ? Max : ceiling * 2;
        }
    }

    /// <summary>Equal jitter: half the ceiling for sure, the other half drawn (a draw outside [0, 1) is clamped).</summary>
    internal static TimeSpan Jitter(TimeSpan ceiling, double draw)
    {
        var half = ceiling / 2;
        return half + (half * Math.Clamp(draw, 0, 1));
    }
}
