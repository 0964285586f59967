using ResearchBot.Core.Trending;

namespace ResearchBot.Sources.HuggingFace;

/// <summary>
/// <see cref="ITrendingPapers"/> from daily papers: "day" is today (UTC), falling back to the latest of the previous
/// three days when today is not curated yet (weekends); "week" merges the last 7 days, a paper counted once.
/// </summary>
public sealed class HuggingFaceTrending(DailyPapersClient client, TimeProvider timeProvider) : ITrendingPapers
{
    public string SourceName => "Hugging Face daily papers";

    public async Task<IReadOnlyList<TrendingPaper>> GetAsync(TrendingWindow window, int limit, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var found = new List<TrendingPaper>();
        if (window == TrendingWindow.Day)
        {
            for (var back = 0; back < 4 && found.Count == 0; back++)
            {
                found.AddRange((await client.GetDayAsync(today.AddDays(-back), cancellationToken)).Select(i => i.Trending));
            }
        }
        else
        {
            for (var back = 0; back < 7; back++)
            {
                found.AddRange((await client.GetDayAsync(today.AddDays(-back), cancellationToken)).Select(i => i.Trending));
            }
        }

        return [.. found
            .GroupBy(p => p.ArxivId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => p.Upvotes)!)
            .OrderByDescending(p => p.Upvotes)
            .ThenBy(p => p.ArxivId, StringComparer.Ordinal)
            .Take(limit)];
    }
}
