using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Sources.Arxiv;

/// <summary>arXiv harvesting and look-ups (<c>Sources:Arxiv</c>). Off until <see cref="Enabled"/> is set.</summary>
public sealed class ArxivOptions : IValidatableObject
{
    public const string Section = "Sources:Arxiv";

    public bool Enabled { get; set; }

    /// <summary>The API used for single-id look-ups (<c>id_list</c>).</summary>
    public string ApiBaseUrl { get; set; } = "https://export.arxiv.org/api/query";

    /// <summary>OAI-PMH endpoint for incremental harvests (<see cref="Harvest"/> = <c>oai</c>).</summary>
    public string OaiBaseUrl { get; set; } = "https://oaipmh.arxiv.org/oai";

    /// <summary>Announcement feeds (<see cref="Harvest"/> = <c>rss</c>): <c>{RssBaseUrl}/rss/cs.AI+cs.LG</c>.</summary>
    public string RssBaseUrl { get; set; } = "https://rss.arxiv.org";

    /// <summary>Categories to harvest, e.g. <c>cs.AI</c>, <c>q-bio.NC</c>; an OAI set spec (<c>cs:cs:AI</c>) is also accepted.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary><c>rss</c> (daily announcements: new and cross-lists) or <c>oai</c> (everything added or changed since the last run).</summary>
    public string Harvest { get; set; } = "rss";

    /// <summary>Cron (UTC). Default: 05:30 Tuesday–Saturday, after arXiv's midnight-ET announcements.</summary>
    public string Schedule { get; set; } = "30 5 * * 2-6";

    /// <summary>Days to look back on the first OAI harvest.</summary>
    [Range(1, 3650, ErrorMessage = "Sources:Arxiv:InitialDays must be between 1 and 3650.")]
    public int InitialDays { get; set; } = 3;

    /// <summary>Gap between two arXiv requests; arXiv's terms ask for at least 3 s.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, value) in new[] { ("ApiBaseUrl", ApiBaseUrl), ("OaiBaseUrl", OaiBaseUrl), ("RssBaseUrl", RssBaseUrl) })
        {
            if (!SourceUrls.IsHttp(value))
            {
                yield return new ValidationResult($"Sources:Arxiv:{key} must be an absolute http(s) URL (got \"{value}\").", [key]);
            }
        }

        if (Harvest is not ("rss" or "oai"))
        {
            yield return new ValidationResult($"Sources:Arxiv:Harvest must be one of: rss, oai (got \"{Harvest}\").", [nameof(Harvest)]);
        }

        if (!SourceUrls.IsCron(Schedule))
        {
            yield return new ValidationResult($"Sources:Arxiv:Schedule must be a 5-field cron expression, e.g. \"30 5 * * 2-6\" (got \"{Schedule}\").", [nameof(Schedule)]);
        }

        if (MinInterval < TimeSpan.FromSeconds(3) || MinInterval > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("Sources:Arxiv:MinInterval must be between 00:00:03 (arXiv's terms of use) and 00:10:00.", [nameof(MinInterval)]);
        }

        foreach (var category in Categories.Where(c => !IsCategory(c)))
        {
            yield return new ValidationResult($"Sources:Arxiv:Categories entries must be arXiv categories such as cs.AI or q-bio.NC, or OAI sets such as cs:cs:AI (got \"{category}\").", [nameof(Categories)]);
        }

        if (Enabled && Categories.Count == 0)
        {
            yield return new ValidationResult("Sources:Arxiv:Categories must list at least one category (e.g. cs.AI) when Sources:Arxiv:Enabled is true.", [nameof(Categories)]);
        }
    }

    // Letters, digits, '.', '-', ':' (set specs): anything else would break the feed URL (cs.AI+cs.LG) or the OAI set.
    private static bool IsCategory(string? category) =>
        !string.IsNullOrWhiteSpace(category) && category.Length <= 64 && category.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':');
}
