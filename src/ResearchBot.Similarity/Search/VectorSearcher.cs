using System.Buffers;
using System.Numerics;

namespace ResearchBot.Similarity.Search;

/// <summary>
/// Brute-force nearest neighbours over a <see cref="VectorMatrix"/>: an int8 scan (SIMD), optionally preceded by a
/// sign-bit Hamming pre-pass that keeps the closest <c>candidates</c> rows for int8 re-scoring.
/// </summary>
internal static class VectorSearcher
{
    private const int RowsPerPartition = 250_000;

    /// <param name="query">An L2-normalised float query vector.</param>
    /// <param name="candidates">Rows kept by the sign-bit pre-pass; 0 scans every row exactly.</param>
    public static List<(long Seq, float Score)> Search(VectorMatrix matrix, ReadOnlySpan<float> query, RowFilter filter, int k, int candidates)
    {
        var s = matrix.Snapshot();
        var count = s.Count;
        if (count == 0 || k <= 0)
        {
            return [];
        }

        var max = MaxMagnitude(query);
        var qScale = max > 0 ? max / 127f : 1f;
        var q = new short[matrix.Stride];
        var qSigns = new ulong[matrix.Words];
        for (var i = 0; i < matrix.Dimensions; i++)
        {
            q[i] = (short)Math.Clamp((int)MathF.Round(query[i] / qScale), -127, 127);
            if (query[i] > matrix.Mean[i])
            {
                qSigns[i >> 6] |= 1UL << (i & 63);
            }
        }

        // One extra slot so the excluded query paper never pushes out a real neighbour.
        var wanted = k + 1;
        List<(int Row, float Score)> best = candidates > 0 && count > candidates * 4
            ? Prefiltered(matrix, s, count, q, qSigns, filter, wanted, candidates)
            : Exact(matrix, s, count, q, filter, wanted);

        return [.. best.Where(b => s.Seqs[b.Row] != filter.ExcludeSeq).Take(k).Select(b => (s.Seqs[b.Row], b.Score * qScale))];
    }

    private static List<(int, float)> Exact(VectorMatrix m, VectorMatrix.State s, int count, short[] q, RowFilter filter, int k)
    {
        var parts = Math.Clamp(count / RowsPerPartition, 1, Environment.ProcessorCount);
        if (parts == 1)
        {
            var heap = new TopK(k);
            ScanRange(m, s, 0, count, q, filter, heap);
            return heap.Sorted();
        }

        var heaps = new TopK[parts];
        Parallel.For(0, parts, p =>
        {
            heaps[p] = new TopK(k);
            ScanRange(m, s, (int)((long)count * p / parts), (int)((long)count * (p + 1) / parts), q, filter, heaps[p]);
        });
        return Merge(heaps, k);
    }

    private static void ScanRange(VectorMatrix m, VectorMatrix.State s, int from, int to, short[] q, RowFilter filter, TopK heap)
    {
        var stride = m.Stride;
        var data = s.Data;
        var trivial = filter.IsTrivial;
        for (var row = from; row < to; row++)
        {
            if (!trivial && !Allowed(s, row, filter))
            {
                continue;
            }

            var score = Int8Dot.Dot(data.AsSpan(row * stride, stride), q) * s.Scales[row];
            if (score > heap.Threshold)
            {
                heap.Offer(score, row);
            }
        }
    }

    private static List<(int, float)> Prefiltered(VectorMatrix m, VectorMatrix.State s, int count, short[] q, ulong[] qSigns, RowFilter filter, int k, int candidates)
    {
        var words = m.Words;
        var distances = ArrayPool<byte>.Shared.Rent(count);
        try
        {
            var histogram = new int[256];
            var signs = s.Signs;
            var trivial = filter.IsTrivial;
            for (var row = 0; row < count; row++)
            {
                int d;
                if (!trivial && !Allowed(s, row, filter))
                {
                    d = 255;
                }
                else if (words == 2)
                {
                    d = BitOperations.PopCount(signs[row * 2] ^ qSigns[0]) + BitOperations.PopCount(signs[row * 2 + 1] ^ qSigns[1]);
                }
                else
                {
                    d = 0;
                    for (var w = 0; w < words; w++)
                    {
                        d += BitOperations.PopCount(signs[row * words + w] ^ qSigns[w]);
                    }

                    d = Math.Min(d, 254);
                }

                distances[row] = (byte)d;
                histogram[d]++;
            }

            var cutoff = 0;
            for (var seen = 0; cutoff < 255; cutoff++)
            {
                seen += histogram[cutoff];
                if (seen >= candidates)
                {
                    break;
                }
            }

            var heap = new TopK(k);
            var stride = m.Stride;
            for (var row = 0; row < count; row++)
            {
                if (distances[row] <= cutoff && distances[row] != 255)
                {
                    var score = Int8Dot.Dot(s.Data.AsSpan(row * stride, stride), q) * s.Scales[row];
                    if (score > heap.Threshold)
                    {
                        heap.Offer(score, row);
                    }
                }
            }

            return heap.Sorted();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(distances);
        }
    }

    private static bool Allowed(VectorMatrix.State s, int row, RowFilter filter) =>
        (filter.MinYear == 0 || s.Years[row] >= filter.MinYear)
        && (filter.AllowedSets is null || (s.Sets[row] < filter.AllowedSets.Length && filter.AllowedSets[s.Sets[row]]));

    private static List<(int, float)> Merge(TopK[] heaps, int k)
    {
        var all = heaps.SelectMany(h => h.Sorted()).ToList();
        all.Sort((a, b) => b.Item2.CompareTo(a.Item2) is var c && c != 0 ? c : a.Item1.CompareTo(b.Item1));
        return [.. all.Take(k)];
    }

    private static float MaxMagnitude(ReadOnlySpan<float> v)
    {
        var max = 0f;
        foreach (var x in v)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return max;
    }
}
