using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Authors;

/// <summary>
/// Adds what an external source knows (e.g. OpenAlex metrics) to a profile built from the index.
/// Enrichers must not throw for upstream failures: they return the profile unchanged and log.
/// </summary>
public interface IAuthorProfileEnricher
{
    Task<AuthorProfile> EnrichAsync(AuthorProfile profile, CancellationToken cancellationToken);
}

/// <summary>Draws a small chart for an author (papers and citations per year) to attach to the reply.</summary>
public interface IAuthorChartRenderer
{
    /// <summary>Returns null when there is too little data to draw.</summary>
    ReplyAttachment? Render(AuthorProfile profile);
}
