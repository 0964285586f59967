using System.Runtime.CompilerServices;
using System.Numerics;

namespace ResearchBot.Similarity.Search;

/// <summary>
/// Brute-force nearest neighbours over a <see cref="VectorMatrix"/>: an int8 scan (SIMD), optionally preceded by a
/// cheap pre-pass (2-bit codes scored with the query's lookup tables, or sign-bit Hamming distances) that keeps about
/// the best <c>candidates</c> rows for int8 re-scoring.
/// </summary>
internal static class VectorSearcher
{
    private const int RowsPerPartition = 250_000;

    /// <param name="query">An L2-normalised float query vector.</param>
    /// <param name="candidates">About how many rows the pre-pass (<paramref name="prefilter"/>) keeps for int8 re-scoring; 0 scans every row exactly.</param>
    /// <param name="feedback">Pseudo-relevance feedback applied to the best rows before the final ranking (off by default).</param>
    public static List<(long Seq, float Score)> Search(VectorMatrix matrix, ReadOnlySpan<float> query, RowFilter filter, int k, int candidates, PrefilterKind prefilter = PrefilterKind.Codes, QueryFeedback feedback = default)
    {
        if (candidates > 0 && prefilter == PrefilterKind.Codes)
        {
            matrix.EnsureCodes(); // before the snapshot, so the snapshot carries the codes
        }

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
        var wanted = (feedback.IsOn ? Math.Max(k, QueryFeedback.Pool) : k) + 1;
        List<(int Row, float Score)> best = candidates <= 0 || count <= candidates * 4 ? Exact(matrix, s, count, q, filter, wanted)
            : prefilter == PrefilterKind.Codes ? CodesPrefiltered(matrix, s, count, query, q, filter, wanted, candidates)
            : SignBitsPrefiltered(matrix, s, count, q, qSigns, filter, wanted, candidates);

        List<(int Row, float Score)> kept = [.. best.Where(b => s.Seqs[b.Row] != filter.ExcludeSeq).Select(b => (b.Row, b.Score * qScale))];
        return [.. feedback.Rerank(matrix, s, query, kept).Take(k).Select(b => (s.Seqs[b.Row], b.Score))];
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

    // Hot loops: fully optimised from the first query (no tier-0 or instrumented code after a restart).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// 2-bit code pre-pass fused with re-scoring: the estimate cut-off that keeps about <paramref name="candidates"/> rows
    /// is read off the estimates of a sample of blocks, then one pass over all blocks (32 rows per step, see
    /// <see cref="CodeScan"/>) int8-scores only the rows at or above it.
    /// </summary>
    private static List<(int, float)> CodesPrefiltered(VectorMatrix m, VectorMatrix.State s, int count, ReadOnlySpan<float> query, short[] q, RowFilter filter, int k, int candidates)
    {
        if (s.Book is not { } book)
        {
            return Exact(m, s, count, q, filter, k);
        }

        var tables = book.Tables(query);
        var bytes = m.CodeBytes;
        var blocks = count / CodeScan.BlockRows;
        var trivial = filter.IsTrivial;
        const int SampleBlocks = 256, Shift = 2;
        var histogram = new int[(tables.MaxSum >> Shift) + 1];
        var step = Math.Max(1, blocks / SampleBlocks);
        var sampled = 0;
        Span<ushort> estimates = stackalloc ushort[CodeScan.BlockRows];
        for (var block = 0; block < blocks; block += step)
        {
            CodeScan.Estimate(s.Codes, bytes, block, tables, estimates);
            for (var r = 0; r < CodeScan.BlockRows; r++)
            {
                if (trivial || Allowed(s, block * CodeScan.BlockRows + r, filter))
                {
                    histogram[estimates[r] >> Shift]++;
                    sampled++;
                }
            }
        }

        if (sampled < 200)
        {
            return Exact(m, s, count, q, filter, k); // a selective filter: few rows to score anyway
        }

        // Each sampled row stands for `step` rows, so about candidates/step sampled rows lie at or above the cut-off.
        var wanted = Math.Max(1, (int)Math.Ceiling(candidates / (double)step));
        var cutoff = histogram.Length - 1;
        var seen = histogram[cutoff];
        while (cutoff > 0 && seen < wanted)
        {
            seen += histogram[--cutoff];
        }

        var threshold = cutoff << Shift;
        var parts = Math.Clamp(count / RowsPerPartition, 1, Environment.ProcessorCount);
        var heaps = new TopK[parts];
        Parallel.For(0, parts, p =>
        {
            var heap = heaps[p] = new TopK(k);
            var from = (int)((long)blocks * p / parts);
            var to = (int)((long)blocks * (p + 1) / parts);
            var masks = new uint[to - from];
            CodeScan.Masks(s.Codes, bytes, from, to, tables, threshold, masks);
            for (var i = 0; i < masks.Length; i++)
            {
                for (var mask = masks[i]; mask != 0; mask &= mask - 1)
                {
                    Rescore(m, s, (from + i) * CodeScan.BlockRows + BitOperations.TrailingZeroCount(mask), q, filter, heap);
                }
            }

            if (p == parts - 1)
            {
                // Rows past the last whole block are few: score them all.
                for (var row = blocks * CodeScan.BlockRows; row < count; row++)
                {
                    Rescore(m, s, row, q, filter, heap);
                }
            }
        });

        var best = Merge(heaps, k);
        return best.Count >= k ? best : Exact(m, s, count, q, filter, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rescore(VectorMatrix m, VectorMatrix.State s, int row, short[] q, RowFilter filter, TopK heap)
    {
        if (filter.IsTrivial || Allowed(s, row, filter))
        {
            var score = Int8Dot.Dot(s.Data.AsSpan(row * m.Stride, m.Stride), q) * s.Scales[row];
            if (score > heap.Threshold)
            {
                heap.Offer(score, row);
            }
        }
    }

    /// <summary>
    /// Sign-bit pre-pass fused with re-scoring: the Hamming cut-off that keeps about <paramref name="candidates"/> rows is
    /// estimated from a sample, then one pass computes Hamming distances and int8-scores only the rows within it.
    /// </summary>
    // Hot loops: fully optimised from the first query (no tier-0 or instrumented code after a restart).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<(int, float)> SignBitsPrefiltered(VectorMatrix m, VectorMatrix.State s, int count, short[] q, ulong[] qSigns, RowFilter filter, int k, int candidates)
    {
        var words = m.Words;
        var signs = s.Signs;
        var trivial = filter.IsTrivial;
        const int Sample = 8192;
        var histogram = new int[words * 64 + 1];
        var sampled = 0;
        var step = Math.Max(1, count / Sample);
        for (var row = 0; row < count; row += step)
        {
            if (trivial || Allowed(s, row, filter))
            {
                histogram[Hamming(signs, row, qSigns, words)]++;
                sampled++;
            }
        }

        if (sampled < 200)
        {
            return Exact(m, s, count, q, filter, k); // a selective filter: few rows to score anyway
        }

        // Each sampled row stands for `step` rows, so about candidates/step sampled rows fall within the cut-off.
        var wanted = Math.Max(1, (int)Math.Ceiling(candidates / (double)step));
        var cutoff = 0;
        for (var seen = 0; cutoff < histogram.Length - 1; cutoff++)
        {
            seen += histogram[cutoff];
            if (seen >= wanted)
            {
                break;
            }
        }

        var parts = Math.Clamp(count / RowsPerPartition, 1, Environment.ProcessorCount);
        var heaps = new TopK[parts];
        Parallel.For(0, parts, p =>
        {
            var heap = heaps[p] = new TopK(k);
            var stride = m.Stride;
            var end = (int)((long)count * (p + 1) / parts);
            for (var row = (int)((long)count * p / parts); row < end; row++)
            {
                if (Hamming(signs, row, qSigns, words) <= cutoff && (trivial || Allowed(s, row, filter)))
                {
                    var score = Int8Dot.Dot(s.Data.AsSpan(row * stride, stride), q) * s.Scales[row];
                    if (score > heap.Threshold)
                    {
                        heap.Offer(score, row);
                    }
                }
            }
        });

        var best = Merge(heaps, k);
        return best.Count >= k ? best : Exact(m, s, count, q, filter, k);
    }

    private static int Hamming(ulong[] signs, int row, ulong[] q, int words)
    {
        if (words == 2)
        {
            return BitOperations.PopCount(signs[row * 2] ^ q[0]) + BitOperations.PopCount(signs[row * 2 + 1] ^ q[1]);
        }

        var d = 0;
        for (var w = 0; w < words; w++)
        {
            d += BitOperations.PopCount(signs[row * words + w] ^ q[w]);
        }

        return d;
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
