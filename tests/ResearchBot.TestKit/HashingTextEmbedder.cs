using System.Numerics.Tensors;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.TestKit;

/// <summary>
/// A deterministic stand-in for a sentence-embedding model: a hashed bag of words (lower-cased letter/digit runs, FNV-1a
/// into <see cref="Dimensions"/> buckets with a hashed sign, sublinear counts), L2-normalised. Texts that share words
/// get close vectors, so neighbour tests mean something. Counts texts and batches; <see cref="BeforeBatch"/> can fail or
/// slow a batch (a simulated crash, a throttled model).
/// </summary>
public sealed class HashingTextEmbedder(int dimensions = 256, string modelId = "hashing-bow/256") : ITextEmbedder
{
    private int _texts;
    private int _batches;
    private int _queries;

    public string ModelId { get; } = modelId;

    public int Dimensions { get; } = dimensions;

    /// <summary>Runs before each batch with the batch's number (from 1); throw to fail it.</summary>
    public Func<int, IReadOnlyList<string>, CancellationToken, Task>? BeforeBatch { get; set; }

    /// <summary>What <see cref="OpenProjection"/> answers (a shipped reduction, as the real models have); none by default.</summary>
    public Func<int, Stream?>? Projection { get; set; }

    /// <summary>Texts embedded so far.</summary>
    public int Texts => Volatile.Read(ref _texts);

    /// <summary>Calls to <see cref="EmbedAsync"/> so far.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>Texts embedded as search queries (<see cref="EmbedQueriesAsync"/>) so far; they count in <see cref="Texts"/> too.</summary>
    public int Queries => Volatile.Read(ref _queries);

    public Task<float[][]> EmbedQueriesAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _queries, queries.Count);
        return EmbedAsync(queries, cancellationToken);
    }

    public Stream? OpenProjection(int dimensions) => Projection?.Invoke(dimensions);

    public string TextOf(Paper paper) =>
        string.IsNullOrWhiteSpace(paper.Abstract) ? paper.Title : paper.Title + ". " + paper.Abstract;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var batch = Interlocked.Increment(ref _batches);
        if (BeforeBatch is { } before)
        {
            await before(batch, texts, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var result = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] = Embed(texts[i]);
        }

        Interlocked.Add(ref _texts, texts.Count);
        return result;
    }

    public float[] Embed(string text)
    {
        var counts = new float[Dimensions];
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !char.IsLetterOrDigit(span[i]))
            {
                i++;
            }

            var start = i;
            var hash = 2166136261u;
            while (i < span.Length && char.IsLetterOrDigit(span[i]))
            {
                hash = (hash ^ char.ToLowerInvariant(span[i])) * 16777619u;
                i++;
            }

            if (i - start >= 3)
            {
                counts[(int)(hash % (uint)Dimensions)] += (hash >> 31) == 0 ? 1 : -1;
            }
        }

        for (var d = 0; d < counts.Length; d++)
        {
            counts[d] = MathF.Sign(counts[d]) * MathF.Log(1 + MathF.Abs(counts[d]));
        }

        var norm = TensorPrimitives.Norm(counts);
        if (norm > 0)
        {
            TensorPrimitives.Divide(counts, norm, counts);
        }
        else
        {
            counts[0] = 1; // a text with no word still gets a unit vector, as a real model's would be
        }

        return counts;
    }
}
