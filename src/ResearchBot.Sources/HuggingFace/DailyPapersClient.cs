using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Trending;
using ResearchBot.Sources.Http;

namespace ResearchBot.Sources.HuggingFace;

/// <summary>Fetches one day's daily papers, reusing a cached answer younger than <see cref="HuggingFaceOptions.CacheTtl"/>.</summary>
public sealed class DailyPapersClient(
    HuggingFaceHttp http,
    ISourceCache cache,
    IOptions<HuggingFaceOptions> options,
    ILogger<DailyPapersClient> logger)
{
    public async Task<IReadOnlyList<(TrendingPaper Trending, PaperRecord Record)>> GetDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var key = $"huggingface:daily:{date}";
        var cached = await cache.GetAsync(key, options.Value.CacheTtl, cancellationToken);
        if (cached is not null)
        {
            return DailyPapersParser.Parse(cached, day, out _);
        }

        var response = await http.Client.GetAsync(SourceUrls.With(options.Value.BaseUrl.TrimEnd('/') + "/api/daily_papers", ("date", date)), cancellationToken);
        if (!response.IsSuccess)
        {
            throw new PaperSourceUnavailableException($"Hugging Face answered HTTP {(int)response.Status}; try again later.");
        }

        IReadOnlyList<(TrendingPaper, PaperRecord)> items;
        try
        {
            items = DailyPapersParser.Parse(response.Body, day, out var skipped);
            for (var i = 0; i < skipped; i++)
            {
                Log.RecordSkipped(logger, "huggingface", $"a daily-papers item on {date} has no arXiv id or title");
            }
        }
        catch (JsonException ex)
        {
            Log.ResponseMalformed(logger, "huggingface", ex.Message);
            throw new PaperSourceUnavailableException("Hugging Face sent a list we could not read; try again later.", ex);
        }

        await cache.SetAsync(key, response.Body, cancellationToken);
        return items;
    }
}
