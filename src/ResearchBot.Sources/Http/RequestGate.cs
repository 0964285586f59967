namespace ResearchBot.Sources.Http;

/// <summary>
/// Lets one request through at a time, and none sooner than <see cref="Interval"/> after the previous one ended.
/// arXiv asks for "no more than one request every three seconds … a single connection at a time" across the API,
/// OAI-PMH and RSS, so the process holds exactly one gate for all arXiv traffic.
/// </summary>
public sealed class RequestGate(TimeSpan interval, TimeProvider timeProvider) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private DateTimeOffset? _lastEnded;

    public TimeSpan Interval { get; } = interval;

    public void Dispose() => _one.Dispose();

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            if (_lastEnded is { } last)
            {
                var wait = last + Interval - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, cancellationToken);
                }
            }

            try
            {
                return await request(cancellationToken);
            }
            finally
            {
                _lastEnded = timeProvider.GetUtcNow();
            }
        }
        finally
        {
            _one.Release();
        }
    }
}
