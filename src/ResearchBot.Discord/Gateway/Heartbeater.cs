namespace ResearchBot.Discord.Gateway;

/// <summary>
/// Beats every interval after a first beat at <c>interval × random[0,1)</c>. When a beat is due and the previous
/// one got no ACK, the connection is a zombie: <see cref="RunAsync"/> returns so the caller can reconnect and resume.
/// </summary>
public sealed class Heartbeater(TimeProvider timeProvider, Func<double> random)
{
    private int _awaitingAck;

    public void Acknowledge() => Volatile.Write(ref _awaitingAck, 0);

    /// <summary>Runs until a zombie is detected (returns) or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task> beat, CancellationToken cancellationToken)
    {
        // Register the next timer before each beat so a beat's arrival implies the next one is scheduled.
        var due = Task.Delay(interval * random(), timeProvider, cancellationToken);
        while (true)
        {
            await due;
            if (Interlocked.Exchange(ref _awaitingAck, 1) == 1)
            {
                return;
            }

            due = Task.Delay(interval, timeProvider, cancellationToken);
            await beat(cancellationToken);
        }
    }
}
