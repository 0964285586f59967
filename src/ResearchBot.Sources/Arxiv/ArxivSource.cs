using System.Runtime.CompilerServices;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;

namespace ResearchBot.Sources.Arxiv;

/// <summary>
/// arXiv as a scheduled source: the announcement feeds (<c>Harvest: rss</c>, the default: today's new papers and
/// cross-lists, the input alerts want) or OAI-PMH (<c>Harvest: oai</c>: everything changed since the last pass).
/// </summary>
public sealed class ArxivSource(ArxivHttp http, IOptions<ArxivOptions> options, TimeProvider timeProvider, ILogger<ArxivSource> logger) : IPaperSource
{
    public const string SourceName = "arxiv";

    public string Name => SourceName;

    public bool Enabled => options.Value.Enabled;

    public string Schedule => options.Value.Schedule;

    public IAsyncEnumerable<HarvestBatch> HarvestAsync(string? cursor, CancellationToken cancellationToken) =>
        options.Value.Harvest == "oai"
            ? new ArxivOaiHarvester(http, options.Value, timeProvider, logger).HarvestAsync(cursor, cancellationToken)
            : HarvestRssAsync(cursor, cancellationToken);

    private async IAsyncEnumerable<HarvestBatch> HarvestRssAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // arXiv allows several categories in one feed joined by '+' (up to 2000 items).
        var feed = string.Join('+', options.Value.Categories.Select(c => c.Trim()).Where(c => c.Length > 0 && !c.Contains(':', StringComparison.Ordinal)));
        var response = await http.Client.GetAsync(new Uri($"{options.Value.RssBaseUrl.TrimEnd('/')}/rss/{feed}"), cancellationToken);
        if (!response.IsSuccess)
        {
            throw new PaperSourceUnavailableException($"arXiv RSS answered HTTP {(int)response.Status}.");
        }

        RssPage page;
        try
        {
            page = ArxivRssParser.Parse(response.Body);
        }
        catch (XmlException ex)
        {
            Log.ResponseMalformed(logger, "arXiv RSS", ex.Message);
            throw new PaperSourceUnavailableException("arXiv RSS sent a feed we could not read.", ex);
        }

        if (page.LastBuildDate is not null && page.LastBuildDate == cursor)
        {
            yield break; // this announcement was ingested already (weekends and holidays keep the last build)
        }

        yield return new HarvestBatch(page.Records, page.Skipped, page.LastBuildDate ?? cursor);
    }
}
