using ResearchBot.Core.Papers;

namespace ResearchBot.Similarity.Embedding;

/// <summary>
/// Turns paper text into dense, L2-normalised vectors (a sentence-embedding model run through ONNX Runtime; tests use
/// a deterministic fake). Implementations batch, sort by length and truncate internally.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>A stable name of the model and the settings that change its vectors (e.g. <c>minilm-l6/256/mean</c>); vectors made under different ids are never mixed.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector <see cref="EmbedAsync"/> returns.</summary>
    int Dimensions { get; }

    /// <summary>The text this model embeds for a paper (title, abstract or less: chosen by measurement).</summary>
    string TextOf(Paper paper);

    /// <summary>One unit-length vector per text, in order.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    /// <summary>
    /// One unit-length vector per short search query (a title that is not in the index, free text), in order: with the
    /// model's query instruction where it was trained with one (arctic-embed); <see cref="EmbedAsync"/> otherwise.
    /// </summary>
    Task<float[][]> EmbedQueriesAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken) =>
        EmbedAsync(queries, cancellationToken);

    /// <summary>
    /// A reduction of this model's vectors to <paramref name="dimensions"/> learned from labelled papers and shipped with
    /// the model (the binary form <c>PcaReduction.Write</c> gives), or null where there is none: the index then fits PCA
    /// on its own papers.
    /// </summary>
    Stream? OpenProjection(int dimensions) => null;
}
