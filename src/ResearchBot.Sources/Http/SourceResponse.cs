using System.Net;

namespace ResearchBot.Sources.Http;

/// <summary>A complete upstream answer (body fully read), successful or not.</summary>
public sealed record SourceResponse(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
