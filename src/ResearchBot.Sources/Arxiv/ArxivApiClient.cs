using System.Net;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Http;

namespace ResearchBot.Sources.Arxiv;

/// <summary>Single-paper look-ups through the arXiv API's <c>id_list</c> (which, unlike <c>id:</c>, handles versions).</summary>
public sealed class ArxivApiClient(ArxivHttp http, IOptions<ArxivOptions> options, ILogger<ArxivApiClient> logger) : IRemotePaperLookup
{
    public async Task<PaperRecord?> LookupArxivAsync(ArxivId id, CancellationToken cancellationToken)
    {
        var uri = SourceUrls.With(options.Value.ApiBaseUrl, ("id_list", id.ToString()), ("max_results", "1"));
        var response = await http.Client.GetAsync(uri, cancellationToken);
        ArxivFeed feed;
        try
        {
            feed = ArxivAtomParser.Parse(response.Body);
        }
        catch (XmlException ex)
        {
            Log.ResponseMalformed(logger, "arXiv", ex.Message);
            throw new PaperSourceUnavailableException(response.IsSuccess
                ? "arXiv sent an answer we could not read; try again later."
                : $"arXiv answered HTTP {(int)response.Status}; try again later.", ex);
        }

        if (feed.Errors.Count > 0)
        {
            Log.ArxivError(logger, feed.Errors[0]);
            // A malformed id is "no such paper" to the user; anything else is arXiv failing.
            if (response.Status == HttpStatusCode.BadRequest || feed.Errors.Any(e => e.Contains("id", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            throw new PaperSourceUnavailableException("arXiv reported an error for this look-up; try again later.");
        }

        if (!response.IsSuccess)
        {
            throw new PaperSourceUnavailableException($"arXiv answered HTTP {(int)response.Status}; try again later.");
        }

        // Requested but not returned means "not found", whichever format arrived (old: empty entry; new: dropped).
        return feed.Papers.FirstOrDefault(p => p.ArxivId == id.Id);
    }
}
