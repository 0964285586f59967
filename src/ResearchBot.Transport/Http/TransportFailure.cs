using System.Net;

namespace ResearchBot.Transport.Http;

/// <summary>Which outcomes of one attempt are worth another, and how to name them in a log line.</summary>
public static class TransportFailure
{
    /// <summary>408, 429 and 5xx: the server may answer differently soon.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>A failure to reach the server or to read its answer (not a cancellation by the caller).</summary>
    public static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or IOException || IsTimeout(exception);

    /// <summary>An <see cref="AttemptTimeoutHandler"/> (or HttpClient.Timeout) ran out.</summary>
    public static bool IsTimeout(Exception exception) => exception is OperationCanceledException { InnerException: TimeoutException };

    public static string Describe(Exception exception) => exception switch
    {
        _ when IsTimeout(exception) => "timed out",
        HttpIOException or HttpRequestException { InnerException: HttpIOException } => "download cut off",
        HttpRequestException or IOException => "connection failed",
        _ => exception.GetType().Name,
    };

    public static string Describe(HttpStatusCode status) => $"HTTP {(int)status}";
}
