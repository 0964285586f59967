using ResearchBot.Sources.Http;

namespace ResearchBot.Sources.Arxiv;

/// <summary>The one arXiv HTTP client of the process: API, OAI-PMH and RSS share its gate (1 request / 3 s, one at a time).</summary>
public sealed class ArxivHttp(SourceHttp client)
{
    public SourceHttp Client { get; } = client;
}
