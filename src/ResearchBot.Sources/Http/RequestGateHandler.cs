using System.Runtime.CompilerServices;

namespace ResearchBot.Sources.Http;

/// <summary>
/// Puts every attempt, retries included, through the source's <see cref="RequestGate"/> (arXiv: one request every
/// 3 s, one at a time). It sits inside the retry pipeline and outside the attempt timeout, so waiting for the gate
/// never counts against <see cref="HttpRetryOptions.Timeout"/>.
/// </summary>
internal sealed class RequestGateHandler(RequestGate gate) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<StrongBox<int>> AttemptsKey = new("ResearchBot.Sources.Attempts");

    /// <summary>Gives <paramref name="request"/> a counter of the attempts made for it.</summary>
    public static StrongBox<int> CountAttempts(HttpRequestMessage request)
    {
        var attempts = new StrongBox<int>();
        request.Options.Set(AttemptsKey, attempts);
        return attempts;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AttemptsKey, out var attempts))
        {
            Interlocked.Increment(ref attempts.Value);
        }

        return gate.RunAsync(ct => base.SendAsync(request, ct), cancellationToken);
    }
}
