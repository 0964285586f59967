using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// One neural model version with the matrix of every paper embedded so far and a seq → row map, so <c>/similar ID</c>
/// reads the paper's stored vector instead of running the embedding model (≈ 20 bytes a paper next to the matrix's 194).
/// </summary>
internal sealed class NeuralEngine(NeuralModel model, VectorMatrix matrix)
{
    private readonly Dictionary<long, int> _rows = [];
    private readonly Lock _gate = new();
    private long _maxSeq = -1;

    public NeuralModel Model { get; } = model;
    public VectorMatrix Matrix { get; } = matrix;
    public int Version => Model.Version;
    public string Description => $"neural {Model.ModelId} → {Model.Dimensions} dims v{Model.Version}"
        + (Model.Augmented is { } a ? $" + DBA k={a.Neighbours} α={a.Exponent}" : "");

    /// <summary>Whether the rows are database-side augmented vectors (<see cref="DatabaseAugmentation"/>).</summary>
    public bool IsAugmented => Model.Augmented is not null;

    /// <summary>The space id <see cref="IPaperVectors"/> reports.</summary>
    public string SpaceId => $"{(IsAugmented ? NeuralModel.AugmentedKindOf(Model.ModelId) : NeuralModel.KindOf(Model.ModelId))}/v{Model.Version}";

    /// <summary>The seqs of the rows present now, in row order.</summary>
    public long[] Seqs()
    {
        var s = Matrix.Snapshot();
        return s.Seqs.AsSpan(0, s.Count).ToArray();
    }

    /// <summary>A row's filter fields as stored (year, space-separated categories); null when the paper has no row.</summary>
    public (int Year, string Categories)? FiltersOf(long seq)
    {
        int row;
        lock (_gate)
        {
            if (!_rows.TryGetValue(seq, out row))
            {
                return null;
            }
        }

        var s = Matrix.Snapshot();
        return (s.Years[row], string.Join(' ', Matrix.Categories.Get(s.Sets[row])));
    }

    public int Count => Matrix.Count;

    public long MaxSeq
    {
        get
        {
            lock (_gate)
            {
                return _maxSeq;
            }
        }
    }

    public bool Contains(long seq)
    {
        lock (_gate)
        {
            return _rows.ContainsKey(seq);
        }
    }

    /// <summary>Appends a stored vector unless the paper has one already; false when it had.</summary>
    public bool Append(StoredVector v)
    {
        lock (_gate)
        {
            if (_rows.ContainsKey(v.Seq))
            {
                return false;
            }

            Matrix.Append(v.Seq, v.Year, v.Categories, v.Vector.Span);
            _rows[v.Seq] = Matrix.Count - 1;
            _maxSeq = Math.Max(_maxSeq, v.Seq);
            return true;
        }
    }

    /// <summary>The paper's stored vector (dequantised, unit length up to rounding), or null when it has none yet.</summary>
    public float[]? VectorOf(long seq)
    {
        int row;
        lock (_gate)
        {
            if (!_rows.TryGetValue(seq, out row))
            {
                return null;
            }
        }

        var s = Matrix.Snapshot();
        var v = new float[Matrix.Dimensions];
        var data = s.Data.AsSpan(row * Matrix.Stride, Matrix.Dimensions);
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = data[i] * s.Scales[row];
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
        }

        return v;
    }

    /// <summary>Reduces an embedding and encodes it for the store; null when nothing is left of it.</summary>
    public byte[]? Encode(ReadOnlySpan<float> embedding)
    {
        var v = new float[Model.Dimensions];
        return Model.Pca.Reduce(embedding, v) ? VectorCodec.Encode(v) : null;
    }

    public float[]? Reduce(ReadOnlySpan<float> embedding)
    {
        var v = new float[Model.Dimensions];
        return Model.Pca.Reduce(embedding, v) ? v : null;
    }
}
