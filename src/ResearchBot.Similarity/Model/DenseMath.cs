using System.Numerics.Tensors;

namespace ResearchBot.Similarity.Model;

/// <summary>The small dense linear algebra randomized SVD needs: column orthonormalisation and a symmetric eigensolver.</summary>
internal static class DenseMath
{
    /// <summary>
    /// Orthonormalises the columns of a row-major rows×cols matrix in place (modified Gram–Schmidt, applied twice for
    /// stability). Columns that are (numerically) dependent become zero.
    /// </summary>
    public static void Orthonormalize(float[] matrix, int rows, int cols)
    {
        var columns = new float[cols][];
        for (var j = 0; j < cols; j++)
        {
            columns[j] = new float[rows];
        }

        for (var i = 0; i < rows; i++)
        {
            var row = matrix.AsSpan(i * cols, cols);
            for (var j = 0; j < cols; j++)
            {
                columns[j][i] = row[j];
            }
        }

        for (var j = 0; j < cols; j++)
        {
            var v = columns[j];
            var before = TensorPrimitives.Norm(v);
            for (var pass = 0; pass < 2; pass++)
            {
                for (var k = 0; k < j; k++)
                {
                    var dot = TensorPrimitives.Dot(v, columns[k]);
                    if (dot != 0)
                    {
                        TensorPrimitives.MultiplyAdd(columns[k], -dot, v, v);
                    }
                }
            }

            var norm = TensorPrimitives.Norm(v);
            if (norm <= 1e-6f * Math.Max(before, 1e-30f) || norm < 1e-20f)
            {
                Array.Clear(v);
            }
            else
            {
                TensorPrimitives.Divide(v, norm, v);
            }
        }

        for (var i = 0; i < rows; i++)
        {
            var row = matrix.AsSpan(i * cols, cols);
            for (var j = 0; j < cols; j++)
            {
                row[j] = columns[j][i];
            }
        }
    }

    /// <summary>
    /// Eigen-decomposition of a symmetric n×n matrix (cyclic Jacobi, double precision). Returns eigenvalues in
    /// descending order and the matching eigenvectors as columns of a row-major n×n matrix.
    /// </summary>
    public static (double[] Values, double[] Vectors) SymmetricEigen(double[] a, int n)
    {
        var m = (double[])a.Clone();
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }

        for (var sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += m[p * n + q] * m[p * n + q];
                }
            }

            if (off < 1e-22)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = m[p * n + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var mkp = m[k * n + p];
                        var mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var mpk = m[p * n + k];
                        var mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k * n + p];
                        var vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => m[i * n + i]).ToArray();
        var values = order.Select(i => m[i * n + i]).ToArray();
        var vectors = new double[n * n];
        for (var col = 0; col < n; col++)
        {
            for (var row = 0; row < n; row++)
            {
                vectors[row * n + col] = v[row * n + order[col]];
            }
        }

        return (values, vectors);
    }
}
