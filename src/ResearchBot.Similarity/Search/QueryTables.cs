using System.Runtime.Intrinsics;

namespace ResearchBot.Similarity.Search;

/// <summary>
/// A query's lookup tables for <see cref="CodeScan"/>: 16 entries (0–<see cref="MaxEntry"/>) per nibble, plus each
/// table repeated in both 128-bit lanes for the AVX2 byte shuffle.
/// </summary>
internal sealed class QueryTables
{
    /// <summary>Largest entry: two entries add up within a byte, and sums of up to 256 nibbles stay below 2^15.</summary>
    public const int MaxEntry = 127;

    public QueryTables(byte[] entries, int nibbles)
    {
        Entries = entries;
        Nibbles = nibbles;
        Lanes = new Vector256<byte>[nibbles];
        for (var n = 0; n < nibbles; n++)
        {
            var table = Vector128.Create(entries, n * 16);
            Lanes[n] = Vector256.Create(table, table);
        }
    }

    /// <summary>Nibble n's table at [16n, 16n + 16).</summary>
    public byte[] Entries { get; }

    public int Nibbles { get; }

    public Vector256<byte>[] Lanes { get; }

    /// <summary>The largest estimate a row can get.</summary>
    public int MaxSum => Nibbles * MaxEntry;
}
