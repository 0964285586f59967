namespace ResearchBot.Transport.Http;

/// <summary>
/// What the transport ring needs to know about a request, carried in <see cref="HttpRequestMessage.Options"/>:
/// whether a blind retry is safe, and a name for logs that holds no secret (a route template, a method name).
/// </summary>
public static class TransportRequest
{
    private static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("ResearchBot.Transport.Idempotent");
    private static readonly HttpRequestOptionsKey<string> OperationKey = new("ResearchBot.Transport.Operation");

    /// <summary>Marks whether sending the request twice is harmless. "Post message" is not: a retry duplicates it.</summary>
    public static HttpRequestMessage WithIdempotency(this HttpRequestMessage request, bool idempotent)
    {
        request.Options.Set(IdempotentKey, idempotent);
        return request;
    }

    /// <summary>Names the request for logs (never a URL with a token in it).</summary>
    public static HttpRequestMessage WithOperation(this HttpRequestMessage request, string operation)
    {
        request.Options.Set(OperationKey, operation);
        return request;
    }

    /// <summary>The mark set by <see cref="WithIdempotency"/>; unmarked requests follow HTTP's method semantics (RFC 9110 §9.2.2).</summary>
    public static bool IsIdempotent(this HttpRequestMessage request) =>
        request.Options.TryGetValue(IdempotentKey, out var idempotent)
            ? idempotent
            : request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
              || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Trace;

    /// <summary>
    /// The name set by <see cref="WithOperation"/>, else the method and host: never the path, which may hold a secret
    /// (Slack's response_url, Discord's interaction tokens).
    /// </summary>
    public static string OperationOf(this HttpRequestMessage request) =>
        request.Options.TryGetValue(OperationKey, out var operation) ? operation
        : $"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "?"}";
}
