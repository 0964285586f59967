namespace ResearchBot.Similarity.Evaluation;

/// <summary>What <see cref="QualityEvaluation"/> measures on.</summary>
/// <param name="File">One JSON object a line with <c>id</c>, <c>title</c>, <c>abstract</c>, <c>categories</c>.</param>
/// <param name="Dimensions">The engine's dimensions, <see cref="MinDimensions"/>–<see cref="MaxDimensions"/>.</param>
/// <param name="Neural">Measure the neural engine too when a sentence embedder is configured (it embeds the corpus: minutes).</param>
public sealed record EvalRequest(string File, int Dimensions = EvalRequest.DefaultDimensions, bool Neural = true)
{
    public const int DefaultDimensions = 128;
    public const int MinDimensions = 16;
    public const int MaxDimensions = 512;
}
