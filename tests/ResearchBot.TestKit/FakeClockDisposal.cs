using Microsoft.Extensions.Time.Testing;

namespace ResearchBot.TestKit;

/// <summary>Disposes a service provider whose services run on a fake clock.</summary>
public static class FakeClockDisposal
{
    /// <summary>
    /// Polly waits, on the injected clock, for a pipeline's in-flight calls (a follow-up still being posted) before it
    /// disposes the pipeline; with a fake clock that wait never ends unless the clock moves, so this keeps it moving
    /// (one simulated second every 10 ms of real time, for at most 10 simulated minutes).
    /// </summary>
    public static async ValueTask DisposeAsync(IAsyncDisposable services, FakeTimeProvider clock)
    {
        var disposing = services.DisposeAsync().AsTask();
        for (var i = 0; i < 600 && !disposing.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(disposing, Task.Delay(10, CancellationToken.None));
        }

        await disposing;
    }
}
