namespace ResearchBot.Core.Ingestion;

/// <summary>A small persistent cache for upstream answers (OpenAlex authors, trending lists), with a time to live.</summary>
public interface ISourceCache
{
    /// <summary>The cached value when it was stored less than <paramref name="maxAge"/> ago, else null.</summary>
    Task<string?> GetAsync(string key, TimeSpan maxAge, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
