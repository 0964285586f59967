using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchBot.Similarity.Search;

/// <summary>
/// Integer dot products of int8 vectors against a query pre-widened to int16. AVX2 path (sign-extend 16 bytes,
/// multiply-add adjacent pairs into int32) with a portable scalar fallback. Lengths are multiples of 16.
/// </summary>
internal static class Int8Dot
{
    public static bool Accelerated => Avx2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        if (Avx2.IsSupported)
        {
            return DotAvx2(row, query);
        }

        return DotScalar(row, query);
    }

    public static int DotScalar(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            sum += row[i] * query[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int DotAvx2(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        fixed (sbyte* r = &MemoryMarshal.GetReference(row))
        fixed (short* q = &MemoryMarshal.GetReference(query))
        {
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            var i = 0;
            for (; i + 32 <= row.Length; i += 32)
            {
                var a = Avx2.ConvertToVector256Int16(Sse2.LoadVector128(r + i));
                var b = Avx2.ConvertToVector256Int16(Sse2.LoadVector128(r + i + 16));
                acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(a, Avx.LoadVector256(q + i)));
                acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(b, Avx.LoadVector256(q + i + 16)));
            }

            for (; i < row.Length; i += 16)
            {
                var a = Avx2.ConvertToVector256Int16(Sse2.LoadVector128(r + i));
                acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(a, Avx.LoadVector256(q + i)));
            }

            return Vector256.Sum(Avx2.Add(acc0, acc1));
        }
    }
}
