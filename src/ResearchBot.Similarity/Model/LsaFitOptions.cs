namespace ResearchBot.Similarity.Model;

/// <summary>How an LSA model is fitted.</summary>
/// <param name="Dimensions">Concept dimensions (128–256 recommended; fewer when the corpus is tiny).</param>
/// <param name="MaxFeatures">Vocabulary cap (most frequent terms kept).</param>
/// <param name="MaxDocumentFrequency">Terms in more than this share of documents are dropped (corpora of 50+ documents).</param>
/// <param name="MinDocumentFrequency">Terms in fewer documents are dropped; null picks 1 below 50 documents and 2 otherwise.</param>
public sealed record LsaFitOptions(
    int Dimensions = 128,
    int MaxFeatures = 60_000,
    double MaxDocumentFrequency = 0.5,
    int? MinDocumentFrequency = null,
    int PowerIterations = 3,
    int Oversampling = 10,
    int Seed = 20240601);
