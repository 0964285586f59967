namespace ResearchBot.Similarity.Search;

/// <summary>How candidates are picked before exact int8 re-scoring.</summary>
public enum PrefilterKind
{
    /// <summary>Partial int8 dot product over the leading (largest singular value) dimensions.</summary>
    Head,

    /// <summary>Hamming distance of sign bits taken relative to the model mean.</summary>
    SignBits,
}
