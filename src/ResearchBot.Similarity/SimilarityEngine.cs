namespace ResearchBot.Similarity;

/// <summary>The engines <c>Similarity:Engine</c> chooses from.</summary>
public enum SimilarityEngine
{
    /// <summary>LSA fitted on the index itself (the default).</summary>
    Lsa,

    /// <summary>all-MiniLM-L6-v2 sentence embeddings (keyed <see cref="Embedding.ITextEmbedder"/> <c>"MiniLm"</c>).</summary>
    MiniLm,

    /// <summary>Snowflake Arctic-embed-xs sentence embeddings (keyed <see cref="Embedding.ITextEmbedder"/> <c>"ArcticXs"</c>).</summary>
    ArcticXs,

    /// <summary>The first neural model installed (MiniLm, then ArcticXs), else LSA.</summary>
    Auto,
}
