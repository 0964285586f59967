using ResearchBot.Core.Papers;
using ResearchBot.Core.Trending;

namespace ResearchBot.TestKit;

/// <summary>
/// An <see cref="ITrendingPapers"/> over featured papers a test adds, like a daily-papers feed: the day window is the
/// papers featured today (UTC, from the <see cref="TimeProvider"/>), the week window the last seven days; most upvoted
/// first. <see cref="FailWith"/> makes the source unavailable.
/// </summary>
public sealed class InMemoryTrendingPapers(TimeProvider timeProvider, string sourceName = "Hugging Face daily papers") : ITrendingPapers
{
    private readonly Lock _gate = new();
    private readonly List<TrendingPaper> _papers = [];

    public string SourceName => sourceName;

    /// <summary>When set, every call fails with this message (as a source that cannot be reached).</summary>
    public string? FailWith { get; set; }

    public void Add(params TrendingPaper[] papers)
    {
        lock (_gate)
        {
            _papers.AddRange(papers);
        }
    }

    public Task<IReadOnlyList<TrendingPaper>> GetAsync(TrendingWindow window, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (FailWith is { } message)
        {
            throw new PaperSourceUnavailableException(message);
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var first = window == TrendingWindow.Day ? today : today.AddDays(-6);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TrendingPaper>>([.. _papers
                .Where(p => p.FeaturedOn >= first && p.FeaturedOn <= today)
                .OrderByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId, StringComparer.Ordinal)
                .Take(limit)]);
        }
    }
}
