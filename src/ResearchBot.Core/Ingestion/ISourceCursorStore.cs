namespace ResearchBot.Core.Ingestion;

/// <summary>Persists where each scheduled paper source stopped (by source name), so a restart continues from there.</summary>
public interface ISourceCursorStore
{
    Task<SourceCursor?> GetAsync(string source, CancellationToken cancellationToken);

    Task SetAsync(string source, string? cursor, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A stored cursor and when it was written.</summary>
public sealed record SourceCursor(string Source, string? Cursor, DateTimeOffset UpdatedAt);
