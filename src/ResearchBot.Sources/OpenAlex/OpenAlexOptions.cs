using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Sources.OpenAlex;

/// <summary>OpenAlex author metrics for <c>/author</c> (<c>Sources:OpenAlex</c>). Off until enabled.</summary>
public sealed class OpenAlexOptions : IValidatableObject
{
    public const string Section = "Sources:OpenAlex";

    public bool Enabled { get; set; }

    public string BaseUrl { get; set; } = "https://api.openalex.org";

    /// <summary>Contact address sent as <c>mailto=</c> (OpenAlex's polite pool). Required when enabled.</summary>
    public string? Mailto { get; set; }

    /// <summary>How long an author's metrics are reused before asking OpenAlex again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00", ErrorMessage = "Sources:OpenAlex:CacheTtl must be between 00:00:00 and 90.00:00:00.")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Namesakes compared per look-up (each costs one works list call).</summary>
    [Range(1, 10, ErrorMessage = "Sources:OpenAlex:MaxCandidates must be between 1 and 10.")]
    public int MaxCandidates { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SourceUrls.IsHttp(BaseUrl))
        {
            yield return new ValidationResult($"Sources:OpenAlex:BaseUrl must be an absolute http(s) URL (got \"{BaseUrl}\").", [nameof(BaseUrl)]);
        }

        if (Enabled && (string.IsNullOrWhiteSpace(Mailto) || !Mailto.Contains('@', StringComparison.Ordinal)))
        {
            yield return new ValidationResult("Sources:OpenAlex:Mailto must be a contact e-mail address when Sources:OpenAlex:Enabled is true (OpenAlex polite pool).", [nameof(Mailto)]);
        }
    }
}
