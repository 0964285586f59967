using System.Net.Http.Headers;

namespace ResearchBot.Transport.Http;

/// <summary>Reads <c>Retry-After</c> (RFC 9110 §10.2.3) in either form: seconds, or an HTTP date measured on the injected clock.</summary>
public static class RetryAfter
{
    /// <summary>The wait the server asked for (never negative), or null when it named none.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now) => Read(response.Headers.RetryAfter, now);

    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
