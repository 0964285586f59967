using ResearchBot.Sources.Http;

namespace ResearchBot.Sources.OpenAlex;

/// <summary>The OpenAlex HTTP client, gated to 10 requests a second (the polite pool's documented rate).</summary>
public sealed class OpenAlexHttp(SourceHttp client)
{
    public SourceHttp Client { get; } = client;
}
