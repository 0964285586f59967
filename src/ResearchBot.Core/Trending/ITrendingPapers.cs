namespace ResearchBot.Core.Trending;

/// <summary>Papers people are upvoting now (Hugging Face daily papers), for <c>/trending</c>.</summary>
public interface ITrendingPapers
{
    /// <summary>Named in replies, e.g. "Hugging Face daily papers".</summary>
    string SourceName { get; }

    /// <summary>Most upvoted first.</summary>
    /// <exception cref="Papers.PaperSourceUnavailableException">The source failed; the message is safe to show.</exception>
    Task<IReadOnlyList<TrendingPaper>> GetAsync(TrendingWindow window, int limit, CancellationToken cancellationToken);
}

/// <summary>Which days to look at.</summary>
public enum TrendingWindow
{
    Day,
    Week,
}
