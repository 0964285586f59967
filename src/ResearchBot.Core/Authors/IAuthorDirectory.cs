namespace ResearchBot.Core.Authors;

/// <summary>Authors as the index has clustered them from paper bylines and profile records.</summary>
public interface IAuthorDirectory
{
    /// <summary>The people whose names are compatible with <paramref name="name"/>, most papers first.</summary>
    Task<IReadOnlyList<AuthorCandidate>> FindAsync(string name, int limit, CancellationToken cancellationToken);

    /// <summary>Names that start with <paramref name="prefix"/> (surname or given name), for autocomplete.</summary>
    Task<IReadOnlyList<AuthorCandidate>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken);

    /// <summary>Known author names spelled closely to <paramref name="name"/> (for "did you mean").</summary>
    Task<IReadOnlyList<string>> SpellingNeighboursAsync(string name, int limit, CancellationToken cancellationToken);

    Task<AuthorProfile?> GetProfileAsync(long authorId, CancellationToken cancellationToken);

    /// <summary>Stores (replaces) the metrics one source reported for the author.</summary>
    Task SaveMetricsAsync(long authorId, AuthorMetrics metrics, CancellationToken cancellationToken);
}
