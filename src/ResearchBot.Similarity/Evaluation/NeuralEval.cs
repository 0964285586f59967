using System.Diagnostics;
using System.Numerics.Tensors;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.Similarity.Evaluation;

/// <summary>
/// The neural rows of the eval table: exact cosine neighbours of each paper's embedding (the model's quality, before any
/// compaction), the title embedded as a query against abstract-only embeddings, and both fused with FTS5 BM25 (RRF).
/// </summary>
internal sealed class NeuralEval
{
    private readonly float[] _docs;
    private readonly float[] _abstracts;
    private readonly float[][] _titles;
    private readonly int _dims;

    private readonly List<string> _texts;

    private NeuralEval(ITextEmbedder embedder, List<string> texts, float[] docs, float[] abstracts, float[][] titles, double embedSeconds)
    {
        _texts = texts;
        Embedder = embedder;
        _docs = docs;
        _abstracts = abstracts;
        _titles = titles;
        _dims = embedder.Dimensions;
        EmbedSeconds = embedSeconds;
    }

    public ITextEmbedder Embedder { get; }

    /// <summary>Seconds spent embedding papers, abstracts and titles.</summary>
    public double EmbedSeconds { get; }

    public int Count => _titles.Length;

    /// <summary>Embeds every document (as the engine would index it), its abstract alone and its title as a query.</summary>
    public static async Task<NeuralEval> CreateAsync(ITextEmbedder embedder, IReadOnlyList<EvalDocument> docs, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var texts = docs.Select((d, i) => embedder.TextOf(new Paper
        {
            Seq = i + 1,
            Id = d.Id,
            Title = d.Title,
            Abstract = d.Abstract,
            Categories = [.. d.Categories],
            IndexedAt = DateTimeOffset.UnixEpoch,
        })).ToList();
        var docVectors = await embedder.EmbedAsync(texts, cancellationToken);
        // When the engine embeds the abstract alone the title target is the same vector: do not embed it twice.
        var sameAsAbstract = texts.Select((t, i) => t == docs[i].Abstract).All(x => x);
        var abstractVectors = sameAsAbstract ? docVectors : await embedder.EmbedAsync([.. docs.Select(d => d.Abstract)], cancellationToken);
        var titleVectors = await embedder.EmbedQueriesAsync([.. docs.Select(d => d.Title)], cancellationToken);
        return new NeuralEval(embedder, texts, Flatten(docVectors, embedder.Dimensions), Flatten(abstractVectors, embedder.Dimensions), titleVectors, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Each document's text as the engine embeds it, with its vector.</summary>
    public Dictionary<string, float[]> DocumentVectors()
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < _texts.Count; i++)
        {
            result[_texts[i]] = _docs.AsSpan(i * _dims, _dims).ToArray();
        }

        return result;
    }

    /// <summary>Document <paramref name="i"/>'s abstract embedded alone.</summary>
    public float[] AbstractVector(int i) => _abstracts.AsSpan(i * _dims, _dims).ToArray();

    /// <summary>Document <paramref name="i"/>'s title embedded as a query.</summary>
    public float[] TitleVector(int i) => _titles[i];

    /// <summary>The <paramref name="k"/> documents nearest to document <paramref name="i"/> (itself excluded), best first.</summary>
    public List<int> Neighbours(int i, int k) => Ids(Scored(i, k));

    /// <summary>As <see cref="Neighbours"/>, with the cosine of each.</summary>
    public List<(int Doc, float Score)> Scored(int i, int k) => Top(_docs, _docs.AsSpan(i * _dims, _dims), k, i);

    /// <summary>Cosine of documents <paramref name="i"/> and <paramref name="j"/> (as the engine indexes them).</summary>
    public float Cosine(int i, int j) => TensorPrimitives.Dot(_docs.AsSpan(i * _dims, _dims), _docs.AsSpan(j * _dims, _dims));

    /// <summary>Cosine of title <paramref name="i"/> (as a query) and abstract <paramref name="j"/>.</summary>
    public float TitleCosine(int i, int j) => TensorPrimitives.Dot(_abstracts.AsSpan(j * _dims, _dims), _titles[i]);

    /// <summary>As <see cref="Scored"/> after moving the query toward the mean of its <paramref name="feedback"/> nearest neighbours (scores against the moved query).</summary>
    public List<(int Doc, float Score)> ScoredWithFeedback(int i, int k, int feedback, float weight)
    {
        var first = Neighbours(i, feedback);
        if (first.Count == 0)
        {
            return Scored(i, k);
        }

        var q = _docs.AsSpan(i * _dims, _dims).ToArray();
        foreach (var n in first)
        {
            TensorPrimitives.MultiplyAdd(_docs.AsSpan(n * _dims, _dims), weight / first.Count, q, q);
        }

        return Top(_docs, q, k, i);
    }

    /// <summary>The abstracts nearest to title <paramref name="i"/> embedded as a query.</summary>
    public List<int> TitleToAbstracts(int i, int k) => Ids(TitleToAbstractsScored(i, k));

    /// <summary>As <see cref="TitleToAbstracts"/>, with the cosine of each.</summary>
    public List<(int Doc, float Score)> TitleToAbstractsScored(int i, int k) => Top(_abstracts, _titles[i], k, -1);

    private static List<int> Ids(List<(int Doc, float Score)> scored) => [.. scored.Select(s => s.Doc)];

    private List<(int Doc, float Score)> Top(float[] matrix, ReadOnlySpan<float> query, int k, int skip)
    {
        var n = matrix.Length / _dims;
        var best = new PriorityQueue<int, float>(k + 1);
        for (var r = 0; r < n; r++)
        {
            if (r == skip)
            {
                continue;
            }

            var s = TensorPrimitives.Dot(matrix.AsSpan(r * _dims, _dims), query);
            if (best.Count < k)
            {
                best.Enqueue(r, s);
            }
            else if (best.TryPeek(out _, out var worst) && s > worst)
            {
                best.EnqueueDequeue(r, s);
            }
        }

        var result = new List<(int, float)>(best.Count);
        while (best.TryDequeue(out var r, out var score))
        {
            result.Add((r, score));
        }

        result.Reverse();
        return result;
    }

    private static float[] Flatten(float[][] vectors, int dims)
    {
        var flat = new float[vectors.Length * dims];
        for (var i = 0; i < vectors.Length; i++)
        {
            if (vectors[i].Length != dims)
            {
                throw new InvalidDataException($"The embedder returned a vector of {vectors[i].Length} dimensions, not {dims}.");
            }

            vectors[i].CopyTo(flat, i * dims);
        }

        return flat;
    }
}
