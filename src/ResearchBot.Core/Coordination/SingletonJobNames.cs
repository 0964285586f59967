namespace ResearchBot.Core.Coordination;

/// <summary>The singleton jobs: exactly one process of a deployment runs each (see <see cref="IJobLeases"/>).</summary>
public static class SingletonJobNames
{
    /// <summary>Scheduled harvests of the paper sources (arXiv, Hugging Face).</summary>
    public const string Ingestion = "ingestion";

    /// <summary>Fitting a similarity model version (first build and refits).</summary>
    public const string SimilarityFit = "similarity-fit";

    /// <summary>Background embedding of papers by a neural engine.</summary>
    public const string Embedding = "embedding";
}
