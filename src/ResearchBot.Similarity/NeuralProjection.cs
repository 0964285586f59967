namespace ResearchBot.Similarity;

/// <summary>How <c>Similarity:NeuralProjection</c> reduces a neural model's embeddings before int8 quantisation.</summary>
public enum NeuralProjection
{
    /// <summary>
    /// The reduction learned from the labelled dev corpus and shipped with the model (linear discriminant analysis over
    /// arXiv's primary categories), where the model has one for the configured dimensions; else <see cref="Pca"/>.
    /// </summary>
    Categories,

    /// <summary>PCA fitted on a sample of the index's own papers (no labels).</summary>
    Pca,
}
