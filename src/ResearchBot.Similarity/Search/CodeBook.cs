namespace ResearchBot.Similarity.Search;

/// <summary>
/// Two bits per dimension for the pre-pass: each dimension's values are cut at their quartiles (fitted on a sample of
/// the stored vectors) and each quarter stands for the mean of the values in it. One code byte holds four dimensions
/// (dimension 4b + j in bits 2j–2j+1 of byte b), i.e. two nibbles of two dimensions each. A query is never quantised
/// this way: it scores codes through one 16-entry table per nibble (see <see cref="QueryTables"/>), an asymmetric
/// estimate of the dot product that is far closer to it than a Hamming distance of sign bits.
/// </summary>
internal sealed class CodeBook
{
    private const int Levels = 4;
    private readonly float[] _cuts;   // Dimensions × 3, ascending
    private readonly float[] _values; // Dimensions × 4, the mean value of each quarter

    private CodeBook(int dimensions, float[] cuts, float[] values)
    {
        Dimensions = dimensions;
        _cuts = cuts;
        _values = values;
    }

    public int Dimensions { get; }

    /// <summary>Code bytes per row: four dimensions a byte.</summary>
    public int BytesPerRow => BytesFor(Dimensions);

    /// <summary>Nibbles per row, each a pair of dimensions scored by one table.</summary>
    public int Nibbles => BytesPerRow * 2;

    public static int BytesFor(int dimensions) => (dimensions + 3) / 4;

    /// <summary>Fits the quartiles on up to <paramref name="sampleSize"/> rows spread evenly over the matrix.</summary>
    public static CodeBook Fit(sbyte[] data, float[] scales, int count, int stride, int dimensions, int sampleSize = 20_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var step = Math.Max(1, count / sampleSize);
        var rows = Enumerable.Range(0, (count + step - 1) / step).Select(i => i * step).Where(r => r < count).ToArray();
        var column = new float[rows.Length];
        var cuts = new float[dimensions * (Levels - 1)];
        var values = new float[dimensions * Levels];
        for (var d = 0; d < dimensions; d++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                column[i] = data[(long)rows[i] * stride + d] * scales[rows[i]];
            }

            Array.Sort(column);
            for (var level = 0; level < Levels; level++)
            {
                var from = (int)((long)column.Length * level / Levels);
                var to = Math.Max(from + 1, (int)((long)column.Length * (level + 1) / Levels));
                var sum = 0.0;
                for (var i = from; i < to && i < column.Length; i++)
                {
                    sum += column[i];
                }

                values[d * Levels + level] = (float)(sum / Math.Max(1, Math.Min(to, column.Length) - from));
                if (level > 0)
                {
                    cuts[d * (Levels - 1) + level - 1] = column[Math.Min(from, column.Length - 1)];
                }
            }
        }

        return new CodeBook(dimensions, cuts, values);
    }

    /// <summary>The code of one stored row, written to <paramref name="codes"/> (<see cref="BytesPerRow"/> bytes).</summary>
    public void Encode(ReadOnlySpan<sbyte> row, float scale, Span<byte> codes)
    {
        codes[..BytesPerRow].Clear();
        for (var d = 0; d < Dimensions; d++)
        {
            var x = row[d] * scale;
            var c = d * (Levels - 1);
            var level = x < _cuts[c + 1] ? (x < _cuts[c] ? 0 : 1) : (x < _cuts[c + 2] ? 2 : 3);
            codes[d >> 2] |= (byte)(level << ((d & 3) * 2));
        }
    }

    /// <summary>
    /// The query's tables: for nibble n (dimensions 2n and 2n+1), entry c is q[2n]·value(2n, c &amp; 3) + q[2n+1]·value(2n+1, c &gt;&gt; 2),
    /// shifted to start at 0 and quantised to 0–127 with one step for all tables, so two entries add up within a byte and
    /// sums keep the order of the float estimates (up to the step).
    /// </summary>
    public QueryTables Tables(ReadOnlySpan<float> query)
    {
        var raw = new float[Nibbles * 16];
        var range = 0f;
        for (var n = 0; n < Nibbles; n++)
        {
            var (d0, d1) = (2 * n, 2 * n + 1);
            var min = float.MaxValue;
            var max = float.MinValue;
            for (var c = 0; c < 16; c++)
            {
                var v = (d0 < Dimensions ? query[d0] * _values[d0 * Levels + (c & 3)] : 0f)
                    + (d1 < Dimensions ? query[d1] * _values[d1 * Levels + (c >> 2)] : 0f);
                raw[n * 16 + c] = v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            for (var c = 0; c < 16; c++)
            {
                raw[n * 16 + c] -= min;
            }

            range = Math.Max(range, max - min);
        }

        var step = range > 0 ? range / QueryTables.MaxEntry : 1f;
        var tables = new byte[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            tables[i] = (byte)Math.Clamp((int)MathF.Round(raw[i] / step), 0, QueryTables.MaxEntry);
        }

        return new QueryTables(tables, Nibbles);
    }
}
