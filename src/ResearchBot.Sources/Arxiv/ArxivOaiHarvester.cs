using System.Runtime.CompilerServices;
using System.Xml;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Papers;

namespace ResearchBot.Sources.Arxiv;

/// <summary>
/// Incremental OAI-PMH harvest (<c>ListRecords</c>, <c>metadataPrefix=arXiv</c>, <c>from=</c> the start of the last
/// complete pass, following resumption tokens), one configured set after another.
/// </summary>
internal sealed class ArxivOaiHarvester(ArxivHttp http, ArxivOptions options, TimeProvider timeProvider, ILogger logger)
{
    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(string? cursorText, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var cursor = OaiCursor.Parse(cursorText);
        var from = cursor.From ?? today.AddDays(-options.InitialDays);
        var passStarted = cursor.Set is not null && cursor.PassStarted is { } started ? started : today;
        var sets = options.Categories.Select(ToSet).Distinct(StringComparer.Ordinal).ToList();
        var startAt = cursor.Set is null ? 0 : Math.Max(0, sets.IndexOf(cursor.Set));
        for (var i = startAt; i < sets.Count; i++)
        {
            var set = sets[i];
            var token = cursor.Set == set && cursor.TokenDay == today ? cursor.Token : null;
            while (true)
            {
                var uri = token is not null
                    ? SourceUrls.With(options.OaiBaseUrl, ("verb", "ListRecords"), ("resumptionToken", token))
                    : SourceUrls.With(options.OaiBaseUrl, ("verb", "ListRecords"), ("metadataPrefix", "arXiv"), ("set", set), ("from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
                var page = await FetchAsync(uri, cancellationToken);
                if (page.ErrorCode == "badResumptionToken" && token is not null)
                {
                    token = null; // expired overnight: restart this set from the pass's date
                    continue;
                }

                if (page.ErrorCode is not null and not "noRecordsMatch")
                {
                    throw new PaperSourceUnavailableException($"arXiv OAI-PMH refused the harvest ({page.ErrorCode}).");
                }

                token = page.ResumptionToken;
                var next = token is not null
                    ? new OaiCursor(cursor.From, passStarted, set, token, today)
                    : i + 1 < sets.Count ? new OaiCursor(cursor.From, passStarted, sets[i + 1], null, null)
                    : new OaiCursor(passStarted, null, null, null, null);
                yield return new HarvestBatch(page.Records, page.Skipped, next.Serialize());
                if (token is null)
                {
                    break;
                }
            }
        }
    }

    private async Task<OaiPage> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        var response = await http.Client.GetAsync(uri, cancellationToken);
        try
        {
            var page = ArxivOaiParser.Parse(response.Body);
            return response.IsSuccess || page.ErrorCode is not null
                ? page
                : throw new PaperSourceUnavailableException($"arXiv OAI-PMH answered HTTP {(int)response.Status}.");
        }
        catch (XmlException ex)
        {
            Log.ResponseMalformed(logger, "arXiv OAI-PMH", ex.Message);
            throw new PaperSourceUnavailableException("arXiv OAI-PMH sent a page we could not read; the harvest resumes from the last good page.", ex);
        }
    }

    /// <summary>cs.AI → cs:cs:AI, hep-th → physics:hep-th, math.QA → math:math:QA; set specs pass through.</summary>
    internal static string ToSet(string category)
    {
        var c = category.Trim();
        if (c.Contains(':', StringComparison.Ordinal))
        {
            return c;
        }

        var dot = c.IndexOf('.', StringComparison.Ordinal);
        var archive = dot < 0 ? c : c[..dot];
        var sub = dot < 0 ? null : c[(dot + 1)..];
        string[] physics = ["astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nlin", "nucl-ex", "nucl-th", "physics", "quant-ph"];
        var group = physics.Contains(archive) ? "physics" : archive;
        return sub is null
            ? (group == archive ? group : $"{group}:{archive}")
            : $"{group}:{archive}:{sub}";
    }
}
