namespace ResearchBot.Core.Similarity;

/// <summary>
/// Told when another process sharing this database stored a new, complete similarity model version (a refit, or a new
/// neural model), so the in-memory index can load it instead of keeping the older one. A backend of one process
/// (SQLite) never calls it; PostgreSQL calls it from its <c>LISTEN</c> service.
/// </summary>
public interface ISimilarityModelListener
{
    /// <param name="kind">The model kind in <see cref="ISimilarityStore"/> (e.g. <c>lsa</c>, <c>neural/…</c>).</param>
    /// <param name="version">The new version; its vectors are stored.</param>
    ValueTask OnModelStoredAsync(string kind, int version, CancellationToken cancellationToken);
}
