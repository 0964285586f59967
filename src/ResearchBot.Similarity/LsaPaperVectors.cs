using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Similarity;

/// <summary>
/// <see cref="IPaperVectors"/> of the LSA engine: a paper's title and abstract folded into the current model's concept
/// space (the same projection <c>/similar</c> indexes by), unit length. The space is the model's kind, version and
/// dimensions (<c>lsa-tfidf/v3/d128</c>), so every refit is a new space. Null vectors until the engine is ready.
/// </summary>
public sealed class LsaPaperVectors(LsaSimilarityIndex index) : IPaperVectors
{
    public string? SpaceId => index.Engine is { } engine ? SpaceOf(engine) : null;

    public int Dimensions => index.Engine?.Model.Dimensions ?? 0;

    public ValueTask<IReadOnlyList<float[]?>> VectorsOfAsync(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var engine = index.Engine;
        var vectors = new float[]?[papers.Count];
        if (engine is not null)
        {
            for (var i = 0; i < papers.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var v = new float[engine.Model.Dimensions];
                vectors[i] = engine.Model.Project(LsaEngine.TextOf(papers[i]), v) ? v : null;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<float[]?>>(vectors);
    }

    internal static string SpaceOf(LsaEngine engine) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{LsaEngine.Kind}/v{engine.Model.Version}/d{engine.Model.Dimensions}");
}
