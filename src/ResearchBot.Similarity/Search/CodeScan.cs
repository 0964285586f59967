using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchBot.Similarity.Search;

/// <summary>
/// Scores <see cref="CodeBook"/> codes 32 rows at a time. Codes are stored in blocks of 32 rows: code byte b of the
/// block's row r sits at <c>block · 32 · bytesPerRow + 32b + r</c>, so one 32-byte load holds byte b of all 32 rows and
/// two AVX2 byte shuffles look up both of its nibbles in the query's tables for all of them at once. Sums are kept
/// in 16-bit lanes (even and odd rows apart). A portable scalar path gives the same numbers.
/// </summary>
internal static class CodeScan
{
    public const int BlockRows = 32;

    public static long BlockBytes(int bytesPerRow) => (long)BlockRows * bytesPerRow;

    /// <summary>Stores one row's code bytes in its block.</summary>
    public static void Write(byte[] blocks, int bytesPerRow, int row, ReadOnlySpan<byte> code)
    {
        var at = row / BlockRows * BlockBytes(bytesPerRow) + row % BlockRows;
        for (var b = 0; b < bytesPerRow; b++)
        {
            blocks[at + b * BlockRows] = code[b];
        }
    }

    /// <summary>The estimates of a block's 32 rows.</summary>
    public static void Estimate(byte[] blocks, int bytesPerRow, int block, QueryTables tables, Span<ushort> into)
    {
        if (Avx2.IsSupported)
        {
            EstimateAvx2(blocks, bytesPerRow, block, tables, into);
            return;
        }

        EstimateScalar(blocks, bytesPerRow, block, tables, into);
    }

    /// <summary>For each block in [<paramref name="from"/>, <paramref name="to"/>): bit r set when row r's estimate is at least <paramref name="threshold"/>.</summary>
    public static void Masks(byte[] blocks, int bytesPerRow, int from, int to, QueryTables tables, int threshold, Span<uint> masks)
    {
        if (Avx2.IsSupported)
        {
            MasksAvx2(blocks, bytesPerRow, from, to, tables, threshold, masks);
            return;
        }

        Span<ushort> estimates = stackalloc ushort[BlockRows];
        for (var block = from; block < to; block++)
        {
            EstimateScalar(blocks, bytesPerRow, block, tables, estimates);
            var mask = 0u;
            for (var r = 0; r < BlockRows; r++)
            {
                mask |= estimates[r] >= threshold ? 1u << r : 0;
            }

            masks[block - from] = mask;
        }
    }

    public static void EstimateScalar(byte[] blocks, int bytesPerRow, int block, QueryTables tables, Span<ushort> into)
    {
        var at = block * BlockBytes(bytesPerRow);
        var t = tables.Entries;
        for (var r = 0; r < BlockRows; r++)
        {
            var sum = 0;
            for (var b = 0; b < bytesPerRow; b++)
            {
                var code = blocks[at + b * BlockRows + r];
                sum += t[(2 * b * 16) + (code & 15)] + t[((2 * b + 1) * 16) + (code >> 4)];
            }

            into[r] = (ushort)sum;
        }
    }

    private static unsafe void EstimateAvx2(byte[] blocks, int bytesPerRow, int block, QueryTables tables, Span<ushort> into)
    {
        fixed (byte* codes = blocks)
        fixed (Vector256<byte>* luts = tables.Lanes)
        {
            Accumulate(codes + block * BlockBytes(bytesPerRow), bytesPerRow, luts, out var even, out var odd);
            for (var j = 0; j < 16; j++)
            {
                into[2 * j] = even.GetElement(j);
                into[2 * j + 1] = odd.GetElement(j);
            }
        }
    }

    // Hot loop: fully optimised from the first query.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MasksAvx2(byte[] blocks, int bytesPerRow, int from, int to, QueryTables tables, int threshold, Span<uint> masks)
    {
        var below = Vector256.Create((short)(threshold - 1));
        var blockBytes = BlockBytes(bytesPerRow);
        fixed (byte* codes = blocks)
        fixed (Vector256<byte>* luts = tables.Lanes)
        {
            for (var block = from; block < to; block++)
            {
                Accumulate(codes + block * blockBytes, bytesPerRow, luts, out var even, out var odd);
                // Lane j of `even` is row 2j, of `odd` row 2j + 1; a 16-bit lane sets two mask bits, keep the row's own.
                var e = (uint)Avx2.MoveMask(Avx2.CompareGreaterThan(even.AsInt16(), below).AsByte());
                var o = (uint)Avx2.MoveMask(Avx2.CompareGreaterThan(odd.AsInt16(), below).AsByte());
                masks[block - from] = (e & 0x5555_5555u) | (o & 0xAAAA_AAAAu);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Accumulate(byte* block, int bytesPerRow, Vector256<byte>* luts, out Vector256<ushort> even, out Vector256<ushort> odd)
    {
        var nibble = Vector256.Create((byte)0x0F);
        var lowByte = Vector256.Create((ushort)0x00FF);
        var e = Vector256<ushort>.Zero;
        var o = Vector256<ushort>.Zero;
        for (var b = 0; b < bytesPerRow; b++)
        {
            var v = Avx.LoadVector256(block + b * BlockRows);
            var low = Avx2.And(v, nibble);
            var high = Avx2.And(Avx2.ShiftRightLogical(v.AsUInt16(), 4).AsByte(), nibble);
            // Entries are ≤ 127, so the two lookups add up within a byte.
            var sum = Avx2.Add(Avx2.Shuffle(luts[2 * b], low), Avx2.Shuffle(luts[2 * b + 1], high)).AsUInt16();
            e = Avx2.Add(e, Avx2.And(sum, lowByte));
            o = Avx2.Add(o, Avx2.ShiftRightLogical(sum, 8));
        }

        even = e;
        odd = o;
    }
}
