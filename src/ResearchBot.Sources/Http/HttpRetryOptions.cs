using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Sources.Http;

/// <summary>
/// Retries shared by every source (<c>Sources:Http</c>): 429, 5xx, timeouts and cut-off downloads, carried out by the
/// transport ring's resilience pipeline (see <see cref="SourceHttpRegistration"/>).
/// </summary>
public sealed class HttpRetryOptions
{
    public const string Section = "Sources:Http";

    /// <summary>Attempts per request, including the first (1–10).</summary>
    [Range(1, 10, ErrorMessage = "Sources:Http:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First back-off; doubles on each retry when the server gives no Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Sources:Http:BaseDelay must be between 00:00:00 and 00:10:00.")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A Retry-After longer than this ends the request instead of waiting; the doubling back-off stops growing here.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Sources:Http:MaxRetryAfter must be between 00:00:00 and 01:00:00.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for one request, body included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Sources:Http:Timeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
