namespace ResearchBot.Core.Similarity;

/// <summary>
/// Persistence for a vector engine: versioned model blobs (one kind per engine) and one vector per paper and model version (keyed by <c>Paper.Seq</c>).
/// The engine owns the byte formats; the store only keeps them.
/// </summary>
public interface ISimilarityStore
{
    /// <summary>The newest model of a kind, or null.</summary>
    Task<StoredSimilarityModel?> GetLatestModelAsync(string kind, CancellationToken cancellationToken);

    /// <summary>Saves a new model; returns its version (greater than every earlier version).</summary>
    Task<int> SaveModelAsync(string kind, int dimensions, long fittedOn, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces vectors, keyed by (<c>ModelVersion</c>, <c>Seq</c>): each model version keeps its own vector of a paper.</summary>
    Task SaveVectorsAsync(IReadOnlyList<StoredVector> vectors, CancellationToken cancellationToken);

    /// <summary>Every vector of one model version, in <c>Seq</c> order.</summary>
    IAsyncEnumerable<StoredVector> StreamVectorsAsync(int modelVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Removes older model versions of the same kind as <paramref name="modelVersion"/>, and their vectors (after a refit
    /// has been projected). Models of other kinds (another engine's) and their vectors stay. Called once the new
    /// version's vectors are stored, so it also marks that version complete: a shared backend tells the other processes
    /// here (<see cref="ISimilarityModelListener"/>).
    /// </summary>
    Task DeleteVectorsBeforeAsync(int modelVersion, CancellationToken cancellationToken);
}

/// <summary>A fitted model as stored.</summary>
public sealed record StoredSimilarityModel(int Version, string Kind, int Dimensions, long FittedOn, DateTimeOffset CreatedAt, ReadOnlyMemory<byte> Data);

/// <summary>
/// One paper's vector with the fields filters need, so loading never touches the papers table.
/// </summary>
/// <param name="Year">Publication year, 0 when unknown.</param>
/// <param name="Categories">Space-separated categories, primary first.</param>
public sealed record StoredVector(long Seq, int ModelVersion, int Year, string Categories, ReadOnlyMemory<byte> Vector);
