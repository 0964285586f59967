using System.Numerics.Tensors;

namespace ResearchBot.Similarity.Model;

/// <summary>A compressed-sparse-row TF-IDF matrix (documents × terms) with L2-normalised rows.</summary>
internal sealed class SparseMatrix
{
    private SparseMatrix(int rows, int[] rowStart, int[] columns, float[] values)
    {
        Rows = rows;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }
    public int[] RowStart { get; }
    public int[] Columns { get; }
    public float[] Values { get; }

    /// <summary>Builds rows from each document's raw term ids (with repeats), keeping mapped terms only.</summary>
    public static SparseMatrix FromDocuments(int[][] docs, int[] remap, float[] idf)
    {
        var rowStart = new int[docs.Length + 1];
        var columns = new List<int>();
        var values = new List<float>();
        var counts = new Dictionary<int, int>();
        for (var d = 0; d < docs.Length; d++)
        {
            counts.Clear();
            foreach (var raw in docs[d])
            {
                var t = remap[raw];
                if (t >= 0)
                {
                    counts[t] = counts.GetValueOrDefault(t) + 1;
                }
            }

            double norm = 0;
            var start = columns.Count;
            foreach (var (t, c) in counts.OrderBy(kv => kv.Key))
            {
                var w = (1 + MathF.Log(c)) * idf[t];
                columns.Add(t);
                values.Add(w);
                norm += w * w;
            }

            var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
            for (var i = start; i < values.Count; i++)
            {
                values[i] *= scale;
            }

            rowStart[d + 1] = columns.Count;
        }

        return new SparseMatrix(docs.Length, rowStart, [.. columns], [.. values]);
    }

    /// <summary>X · M, where M is terms × width (row-major); returns rows × width.</summary>
    public float[] Multiply(float[] m, int width)
    {
        var result = new float[Rows * width];
        Parallel.For(0, Rows, i =>
        {
            var output = result.AsSpan(i * width, width);
            for (var p = RowStart[i]; p < RowStart[i + 1]; p++)
            {
                TensorPrimitives.MultiplyAdd(m.AsSpan(Columns[p] * width, width), Values[p], output, output);
            }
        });
        return result;
    }

    /// <summary>Xᵀ · M, where M is rows × width; returns terms × width.</summary>
    public float[] TransposeMultiply(float[] m, int width, int terms)
    {
        var result = new float[terms * width];
        for (var i = 0; i < Rows; i++)
        {
            var input = m.AsSpan(i * width, width);
            for (var p = RowStart[i]; p < RowStart[i + 1]; p++)
            {
                var output = result.AsSpan(Columns[p] * width, width);
                TensorPrimitives.MultiplyAdd(input, Values[p], output, output);
            }
        }

        return result;
    }
}
