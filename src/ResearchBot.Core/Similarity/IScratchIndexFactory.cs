using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Similarity;

/// <summary>Creates a throw-away index (temporary database) for evaluations and benchmarks.</summary>
public interface IScratchIndexFactory
{
    Task<IScratchIndex> CreateAsync(CancellationToken cancellationToken);
}

/// <summary>A temporary index; disposing deletes it.</summary>
public interface IScratchIndex : IAsyncDisposable
{
    IPaperIndex Papers { get; }
    ISimilarityStore Vectors { get; }
    IKeywordNeighbourSearch Keywords { get; }
}
