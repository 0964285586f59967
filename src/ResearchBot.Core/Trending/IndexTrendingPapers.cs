using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Trending;

/// <summary>
/// The fallback when no trending source is enabled: the most upvoted papers that entered this index within the
/// window (the demo corpus carries Hugging Face upvotes, so <c>/trending</c> works out of the box).
/// </summary>
public sealed class IndexTrendingPapers(IPaperIndex index, TimeProvider timeProvider) : ITrendingPapers
{
    public string SourceName => "this index";

    public async Task<IReadOnlyList<TrendingPaper>> GetAsync(TrendingWindow window, int limit, CancellationToken cancellationToken)
    {
        var since = timeProvider.GetUtcNow() - (window == TrendingWindow.Day ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7));
        var top = await index.MostUpvotedAsync(since, limit, cancellationToken);
        return [.. top
            .Select(p => new TrendingPaper(p.ArxivId ?? p.Id, p.Title, p.Authors, p.Upvotes!.Value, DateOnly.FromDateTime(p.IndexedAt.UtcDateTime), 0, SourceName, p.BestUrl ?? ""))];
    }
}
