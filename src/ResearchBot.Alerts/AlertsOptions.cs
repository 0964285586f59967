using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Alerts;

/// <summary>Section <c>Alerts</c>: delivery pace, batching, retries.</summary>
public sealed class AlertsOptions : IValidatableObject
{
    public const string Section = "Alerts";

    /// <summary>Run the background delivery loop in the long-running bot.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>How often the background loop looks for due alerts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Alerts:PollInterval must be between 00:00:00.100 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most one message per channel per this interval (0 turns pacing off).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Alerts:ChannelMinInterval must be between 00:00:00 and 00:10:00.")]
    public TimeSpan ChannelMinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Instant alerts that are due together are batched, up to this many papers per message.</summary>
    [Range(1, 25, ErrorMessage = "Alerts:MaxPapersPerMessage must be between 1 and 25.")]
    public int MaxPapersPerMessage { get; set; } = 10;

    /// <summary>Papers listed by title in a digest; the rest are counted ("and N more").</summary>
    [Range(1, 25, ErrorMessage = "Alerts:DigestTopCount must be between 1 and 25.")]
    public int DigestTopCount { get; set; } = 10;

    /// <summary>First retry delay after a failed send; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Alerts:RetryBaseDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Alerts:RetryMaxDelay must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts per alert before it is marked failed.</summary>
    [Range(1, 100, ErrorMessage = "Alerts:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// A row still "sending" after this long belongs to a sender that died (crash, kill). Keep it above the longest
    /// platform call so a live sender in another process is not second-guessed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Alerts:InterruptedAfter must be between 00:00:00 and 01:00:00.")]
    public TimeSpan InterruptedAfter { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Alerts:RetryMaxDelay must not be shorter than Alerts:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        }
    }
}
