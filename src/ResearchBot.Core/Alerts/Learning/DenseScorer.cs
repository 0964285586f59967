using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ResearchBot.Core.Alerts.Learning;

/// <summary>
/// Scores a batch of paper vectors against many linear models in one dense pass (a blocked matrix × matrix product,
/// models × papersᵀ) and keeps only the pairs that clear each model's cut-off. The papers are packed once into panels
/// of 24 columns, and each 4-model × 24-paper tile is accumulated in registers over the dimensions, so no score matrix
/// is ever materialised. Large jobs are split by model across the processor's cores.
/// </summary>
public sealed class DenseScorer
{
    private const int Mr = 4;            // models per tile
    private const int Nr = 24;           // papers per panel: 3 × 8 floats
    private const int ModelsPerTask = 256;

    private readonly float[] _weights;   // models × dims, row-major
    private readonly float[] _offsets;   // per model: bias − cut-off, so "clears" is score + offset > 0
    private readonly float[] _biases;
    private readonly int _models;

    /// <param name="dims">Length of every weight and paper vector.</param>
    /// <param name="weights">The models' weight vectors, each of length <paramref name="dims"/>.</param>
    /// <param name="biases">Each model's bias.</param>
    /// <param name="cutoffs">Each model's cut-off: a pair is kept when <c>w·x + b &gt; cut-off</c>.</param>
    public DenseScorer(int dims, IReadOnlyList<float[]> weights, IReadOnlyList<float> biases, IReadOnlyList<float> cutoffs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dims);
        Dimensions = dims;
        _models = weights.Count;
        var padded = (_models + Mr - 1) / Mr * Mr;
        _weights = new float[padded * dims];
        _offsets = new float[padded];
        _biases = new float[padded];
        for (var m = 0; m < padded; m++)
        {
            if (m < _models)
            {
                weights[m].AsSpan(0, dims).CopyTo(_weights.AsSpan(m * dims, dims));
                _offsets[m] = biases[m] - cutoffs[m];
                _biases[m] = biases[m];
            }
            else
            {
                _offsets[m] = float.NegativeInfinity; // padding rows never clear
            }
        }
    }

    public int Dimensions { get; }

    public int Count => _models;

    /// <summary>Every (model, paper, score) with <c>score = w·x + b</c> above the model's cut-off; <paramref name="papers"/> holds <c>count × dims</c> floats.</summary>
    public List<(int Model, int Paper, float Score)> Match(ReadOnlySpan<float> papers, int count)
    {
        var hits = new List<(int, int, float)>();
        if (_models == 0 || count == 0)
        {
            return hits;
        }

        var panels = Pack(papers, count, Dimensions);
        var tasks = (_models + ModelsPerTask - 1) / ModelsPerTask;
        if (tasks == 1 || (long)_models * count * Dimensions < 4_000_000)
        {
            MatchRange(panels, count, 0, _models, hits);
            return hits;
        }

        var parts = new List<(int, int, float)>[tasks];
        Parallel.For(0, tasks, t =>
        {
            var list = new List<(int, int, float)>();
            MatchRange(panels, count, t * ModelsPerTask, Math.Min(_models, (t + 1) * ModelsPerTask), list);
            parts[t] = list;
        });
        foreach (var part in parts)
        {
            hits.AddRange(part);
        }

        return hits;
    }

    /// <summary>Papers as panels of <see cref="Nr"/> columns: panel j holds, for each dimension k, papers j·Nr … j·Nr+Nr−1 (zero-padded).</summary>
    private static float[] Pack(ReadOnlySpan<float> papers, int count, int dims)
    {
        var panelCount = (count + Nr - 1) / Nr;
        var packed = new float[panelCount * dims * Nr];
        for (var p = 0; p < count; p++)
        {
            var row = papers.Slice(p * dims, dims);
            var baseIndex = p / Nr * dims * Nr + p % Nr;
            for (var k = 0; k < dims; k++)
            {
                packed[baseIndex + k * Nr] = row[k];
            }
        }

        return packed;
    }

    private void MatchRange(float[] panels, int count, int from, int to, List<(int, int, float)> hits)
    {
        var dims = Dimensions;
        Span<float> tile = stackalloc float[Mr * Nr];
        var panelCount = (count + Nr - 1) / Nr;
        var vectorised = Vector256.IsHardwareAccelerated;
        for (var m = from; m < to; m += Mr)
        {
            for (var j = 0; j < panelCount; j++)
            {
                var panel = panels.AsSpan(j * dims * Nr, dims * Nr);
                if (vectorised)
                {
                    Tile(_weights.AsSpan(m * dims, Mr * dims), panel, dims, tile);
                }
                else
                {
                    TileScalar(_weights.AsSpan(m * dims, Mr * dims), panel, dims, tile);
                }

                for (var r = 0; r < Mr && m + r < to; r++)
                {
                    var offset = _offsets[m + r];
                    var scores = tile.Slice(r * Nr, Nr);
                    if (TensorPrimitives.Max(scores) + offset <= 0)
                    {
                        continue; // the usual case: nothing in this row clears the cut-off
                    }

                    for (var c = 0; c < Nr; c++)
                    {
                        var paper = j * Nr + c;
                        if (paper < count && scores[c] + offset > 0)
                        {
                            hits.Add((m + r, paper, scores[c] + _biases[m + r]));
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(ReadOnlySpan<float> weights, ReadOnlySpan<float> panel, int dims, Span<float> tile)
    {
        ref var w0 = ref MemoryMarshal.GetReference(weights);
        ref var x = ref MemoryMarshal.GetReference(panel);
        var c00 = Vector256<float>.Zero; var c01 = Vector256<float>.Zero; var c02 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero; var c11 = Vector256<float>.Zero; var c12 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero; var c21 = Vector256<float>.Zero; var c22 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero; var c31 = Vector256<float>.Zero; var c32 = Vector256<float>.Zero;
        var d = (nuint)dims;
        for (nuint k = 0; k < d; k++)
        {
            var off = k * Nr;
            var x0 = Vector256.LoadUnsafe(ref x, off);
            var x1 = Vector256.LoadUnsafe(ref x, off + 8);
            var x2 = Vector256.LoadUnsafe(ref x, off + 16);
            var a = Vector256.Create(Unsafe.Add(ref w0, k));
            c00 = Vector256.FusedMultiplyAdd(a, x0, c00); c01 = Vector256.FusedMultiplyAdd(a, x1, c01); c02 = Vector256.FusedMultiplyAdd(a, x2, c02);
            a = Vector256.Create(Unsafe.Add(ref w0, d + k));
            c10 = Vector256.FusedMultiplyAdd(a, x0, c10); c11 = Vector256.FusedMultiplyAdd(a, x1, c11); c12 = Vector256.FusedMultiplyAdd(a, x2, c12);
            a = Vector256.Create(Unsafe.Add(ref w0, 2 * d + k));
            c20 = Vector256.FusedMultiplyAdd(a, x0, c20); c21 = Vector256.FusedMultiplyAdd(a, x1, c21); c22 = Vector256.FusedMultiplyAdd(a, x2, c22);
            a = Vector256.Create(Unsafe.Add(ref w0, 3 * d + k));
            c30 = Vector256.FusedMultiplyAdd(a, x0, c30); c31 = Vector256.FusedMultiplyAdd(a, x1, c31); c32 = Vector256.FusedMultiplyAdd(a, x2, c32);
        }

        ref var t = ref MemoryMarshal.GetReference(tile);
        c00.StoreUnsafe(ref t, 0); c01.StoreUnsafe(ref t, 8); c02.StoreUnsafe(ref t, 16);
        c10.StoreUnsafe(ref t, 24); c11.StoreUnsafe(ref t, 32); c12.StoreUnsafe(ref t, 40);
        c20.StoreUnsafe(ref t, 48); c21.StoreUnsafe(ref t, 56); c22.StoreUnsafe(ref t, 64);
        c30.StoreUnsafe(ref t, 72); c31.StoreUnsafe(ref t, 80); c32.StoreUnsafe(ref t, 88);
    }

    private static void TileScalar(ReadOnlySpan<float> weights, ReadOnlySpan<float> panel, int dims, Span<float> tile)
    {
        tile.Clear();
        for (var r = 0; r < Mr; r++)
        {
            for (var k = 0; k < dims; k++)
            {
                var a = weights[r * dims + k];
                for (var c = 0; c < Nr; c++)
                {
                    tile[r * Nr + c] += a * panel[k * Nr + c];
                }
            }
        }
    }
}
