using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Hosting;

/// <summary>Section <c>Hosting</c>.</summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    /// <summary>A file touched every <see cref="HeartbeatInterval"/> while the bot runs; empty disables it.</summary>
    public string? HeartbeatFile { get; set; }

    [Range(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "Hosting:HeartbeatInterval must be between 00:00:05 and 00:10:00.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where the status listener serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> (for example
    /// <c>http://0.0.0.0:9090</c>); empty (the default) binds nothing.
    /// </summary>
    public string? HttpUrl { get; set; }

    /// <summary>True when <see cref="HttpUrl"/> is set: the status listener and the metrics exporter run.</summary>
    public bool IsListening => !string.IsNullOrWhiteSpace(HttpUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsListening && !IsHttpUrl(HttpUrl!))
        {
            yield return new ValidationResult(
                $"Hosting:HttpUrl must be empty (no listener) or an absolute http URL such as http://0.0.0.0:9090 (got '{HttpUrl}').",
                [nameof(HttpUrl)]);
        }
    }

    /// <summary>Kestrel's wildcard hosts (<c>http://+:9090</c>, <c>http://*:9090</c>) are not URIs; check them as 0.0.0.0.</summary>
    private static bool IsHttpUrl(string url)
    {
        var normal = url.Trim().Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
        return Uri.TryCreate(normal, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && uri.AbsolutePath == "/"
            && string.IsNullOrEmpty(uri.Query);
    }
}
