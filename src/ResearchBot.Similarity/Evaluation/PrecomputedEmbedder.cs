using ResearchBot.Core.Papers;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.Similarity.Evaluation;

/// <summary>
/// The eval's embedder for the bot's own index: texts the eval embedded already come from <paramref name="known"/>, any
/// other text goes to <paramref name="inner"/> (so the index is built exactly as the bot builds it, without embedding
/// the corpus twice).
/// </summary>
internal sealed class PrecomputedEmbedder(ITextEmbedder inner, IReadOnlyDictionary<string, float[]> known) : ITextEmbedder
{
    public string ModelId => inner.ModelId;

    public int Dimensions => inner.Dimensions;

    public string TextOf(Paper paper) => inner.TextOf(paper);

    public Stream? OpenProjection(int dimensions) => inner.OpenProjection(dimensions);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (known.TryGetValue(texts[i], out var v))
            {
                result[i] = v;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var embedded = await inner.EmbedAsync([.. missing.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < missing.Count; j++)
            {
                result[missing[j]] = embedded[j];
            }
        }

        return result;
    }

    public Task<float[][]> EmbedQueriesAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken) =>
        inner.EmbedQueriesAsync(queries, cancellationToken);
}
