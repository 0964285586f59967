namespace ResearchBot.Similarity.Search;

/// <summary>How candidates are picked before exact int8 re-scoring.</summary>
public enum PrefilterKind
{
    /// <summary>Two bits per dimension (quartiles), scored against the exact query through lookup tables.</summary>
    Codes,

    /// <summary>Hamming distance of sign bits taken relative to the model mean.</summary>
    SignBits,
}
