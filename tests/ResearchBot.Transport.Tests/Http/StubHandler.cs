using System.Collections.Concurrent;

namespace ResearchBot.Transport.Tests.Http;

/// <summary>The primary handler of a test client: answers each attempt from a script (1-based attempt number).</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public ConcurrentQueue<string> Methods { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Methods.Enqueue(request.Method.Method);
        return respond(request, Interlocked.Increment(ref _attempts), cancellationToken);
    }
}
