using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;

namespace ResearchBot.Sources.OpenAlex;

/// <summary>
/// Adds OpenAlex metrics to <c>/author</c>. Searches OpenAlex for the name, then picks the candidate whose works
/// overlap the index's papers and co-authors for this person (<see cref="NamesakeScorer"/>), never simply the first
/// hit; with no overlap it adds nothing rather than someone else's figures. Results (and misses) are cached with a
/// time to live, stored with the author, and the matched works' citation counts are merged into the index.
/// </summary>
public sealed class OpenAlexEnricher(
    OpenAlexHttp http,
    ISourceCache cache,
    IAuthorDirectory directory,
    IPaperIngestor ingestor,
    IOptions<OpenAlexOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenAlexEnricher> logger) : IAuthorProfileEnricher
{
    public const string SourceName = "OpenAlex";
    private const string NoMatch = "none";

    public async Task<AuthorProfile> EnrichAsync(AuthorProfile profile, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return profile;
        }

        var key = $"openalex:author:{profile.Id}:{TextFold.Fold(profile.DisplayName)}";
        try
        {
            var cached = await cache.GetAsync(key, o.CacheTtl, cancellationToken);
            if (cached is not null)
            {
                return cached == NoMatch ? profile : With(profile, JsonSerializer.Deserialize<AuthorMetrics>(cached, SourcesJson.Options)!);
            }

            var metrics = await LookUpAsync(profile, cancellationToken);
            await cache.SetAsync(key, metrics is null ? NoMatch : JsonSerializer.Serialize(metrics, SourcesJson.Options), cancellationToken);
            if (metrics is null)
            {
                return profile;
            }

            await directory.SaveMetricsAsync(profile.Id, metrics, cancellationToken);
            return With(profile, metrics);
        }
        catch (Exception ex) when (ex is PaperSourceUnavailableException or JsonException or NotSupportedException)
        {
            Log.OpenAlexFailed(logger, ex, profile.DisplayName);
            return profile;
        }
    }

    private async Task<AuthorMetrics?> LookUpAsync(AuthorProfile profile, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var candidates = OpenAlexParser.Authors(await GetAsync("/authors", cancellationToken, ("search", profile.DisplayName), ("per-page", o.MaxCandidates.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        (OpenAlexAuthor Author, int Score, IReadOnlyList<OpenAlexWork> Works)? best = null;
        foreach (var candidate in candidates.Take(o.MaxCandidates))
        {
            var shortId = candidate.Id[(candidate.Id.LastIndexOf('/') + 1)..];
            var works = OpenAlexParser.Works(await GetAsync("/works", cancellationToken, ("filter", $"authorships.author.id:{shortId}"), ("per-page", "100"), ("select", "title,doi,cited_by_count,authorships")));
            var score = NamesakeScorer.Score(profile, works);
            if (score > 0 && (best is null || score > best.Value.Score))
            {
                best = (candidate, score, works);
            }
        }

        if (best is not { } chosen)
        {
            Log.OpenAlexNoMatch(logger, profile.DisplayName, candidates.Count);
            return null;
        }

        await MergeCitationsAsync(profile, chosen.Works, cancellationToken);
        return ToMetrics(chosen.Author);
    }

    /// <summary>Citation counts of works the index already has (matched by DOI or title); no new papers are added.</summary>
    private async Task MergeCitationsAsync(AuthorProfile profile, IReadOnlyList<OpenAlexWork> works, CancellationToken cancellationToken)
    {
        var byTitle = profile.Papers.GroupBy(p => TextFold.Fold(p.Title)).ToDictionary(g => g.Key, g => g.First());
        var records = works
            .Where(w => w.CitedBy is not null && byTitle.ContainsKey(TextFold.Fold(w.Title)))
            .Select(w => byTitle[TextFold.Fold(w.Title)] is var p ? new PaperRecord { Title = p.Title, ArxivId = p.ArxivId, Doi = p.Doi, Citations = w.CitedBy, Source = "openalex" } : null)
            .OfType<PaperRecord>()
            .ToList();
        if (records.Count > 0)
        {
            await ingestor.IngestAsync(records, cancellationToken);
        }
    }

    private AuthorMetrics ToMetrics(OpenAlexAuthor a)
    {
        // counts_by_year omits years with no works and no citations: fill them with zeros.
        var years = a.CountsByYear.ToDictionary(y => y.Year);
        var last = years.Count == 0 ? 0 : years.Keys.Max();
        var filled = years.Count == 0 ? [] : Enumerable.Range(years.Keys.Min(), last - years.Keys.Min() + 1)
            .Select(y => years.TryGetValue(y, out var c) ? new YearCount(y, c.Works, c.Citations) : new YearCount(y, 0, 0)).ToImmutableArray();
        return new AuthorMetrics
        {
            Source = SourceName,
            NameAtSource = a.DisplayName,
            SourceUrl = a.Id,
            HIndex = a.HIndex,
            I10Index = a.I10Index,
            Citations = a.CitedBy,
            WorksCount = a.WorksCount,
            Institution = a.Institution,
            Topics = a.Topics,
            CountsByYear = filled,
            Extra = a.TwoYearMeanCitedness is { } m
                ? ImmutableDictionary<string, string>.Empty.Add("2-year mean citedness", m.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))
                : ImmutableDictionary<string, string>.Empty,
            RetrievedAt = timeProvider.GetUtcNow(),
        };
    }

    private async Task<string> GetAsync(string path, CancellationToken cancellationToken, params (string, string?)[] query)
    {
        var o = options.Value;
        var response = await http.Client.GetAsync(SourceUrls.With(o.BaseUrl.TrimEnd('/') + path, [.. query, ("mailto", o.Mailto)]), cancellationToken);
        return response.IsSuccess ? response.Body : throw new PaperSourceUnavailableException($"OpenAlex answered HTTP {(int)response.Status}.");
    }

    private static AuthorProfile With(AuthorProfile profile, AuthorMetrics metrics) =>
        profile with { Metrics = [.. profile.Metrics.Where(m => m.Source != SourceName), metrics] };
}
