namespace ResearchBot.Similarity.Evaluation.Alerts;

/// <summary>A sparse TF-IDF vector: term ids (ascending not required) and their weights, L2-normalised.</summary>
internal readonly record struct SparseVector(int[] Terms, float[] Weights)
{
    public static SparseVector Empty { get; } = new([], []);

    public static SparseVector From(List<(int Term, float Weight)> weights) =>
        new([.. weights.Select(w => w.Term)], [.. weights.Select(w => w.Weight)]);

    /// <summary>The dot product with a dense vector.</summary>
    public float Dot(float[] dense)
    {
        var sum = 0f;
        for (var i = 0; i < Terms.Length; i++)
        {
            sum += dense[Terms[i]] * Weights[i];
        }

        return sum;
    }

    /// <summary><c>dense += scale · this</c>.</summary>
    public void AddTo(float[] dense, float scale)
    {
        for (var i = 0; i < Terms.Length; i++)
        {
            dense[Terms[i]] += scale * Weights[i];
        }
    }

    public float SquaredNorm()
    {
        var sum = 0f;
        foreach (var w in Weights)
        {
            sum += w * w;
        }

        return sum;
    }
}
