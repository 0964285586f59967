using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Sources.HuggingFace;

/// <summary>Hugging Face daily papers (<c>Sources:HuggingFace</c>), for <c>/trending</c> and upvotes. Off until enabled.</summary>
public sealed class HuggingFaceOptions : IValidatableObject
{
    public const string Section = "Sources:HuggingFace";

    public bool Enabled { get; set; }

    /// <summary>Site root; requests go to <c>{BaseUrl}/api/daily_papers?date=YYYY-MM-DD</c>.</summary>
    public string BaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>Cron (UTC) for storing the day's papers with their upvotes in the index.</summary>
    public string Schedule { get; set; } = "0 */6 * * *";

    /// <summary>How long a day's list is reused before asking again (the API is undocumented: keep usage light).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Sources:HuggingFace:CacheTtl must be between 00:00:00 and 7.00:00:00.")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SourceUrls.IsHttp(BaseUrl))
        {
            yield return new ValidationResult($"Sources:HuggingFace:BaseUrl must be an absolute http(s) URL (got \"{BaseUrl}\").", [nameof(BaseUrl)]);
        }

        if (!SourceUrls.IsCron(Schedule))
        {
            yield return new ValidationResult($"Sources:HuggingFace:Schedule must be a 5-field cron expression, e.g. \"0 */6 * * *\" (got \"{Schedule}\").", [nameof(Schedule)]);
        }
    }
}
