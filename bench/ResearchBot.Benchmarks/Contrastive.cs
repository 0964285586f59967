using System.Numerics.Tensors;
using ResearchBot.Similarity.Neural;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Study aid: a linear map (dims × input) trained with a symmetric InfoNCE loss on pairs of views of the same paper,
/// in-batch negatives, Adam, starting from a PCA. Small and dense: a few seconds per epoch on 5,000 pairs.
/// </summary>
internal static class Contrastive
{
    public static Func<float[], float[]> Train(PcaReduction pca, int dims, float[][] a, float[][] b, int epochs, double lr, double tau, Action<string> log)
    {
        var d = pca.InputDimensions;
        var w = new float[dims * d];
        Array.Copy(pca.Components, w, dims * d);
        var m = new float[w.Length];
        var v = new float[w.Length];
        var ca = a.Select(x => Centre(x, pca.Mean)).ToArray();
        var cb = b.Select(x => Centre(x, pca.Mean)).ToArray();
        var rng = new Random(7);
        var order = Enumerable.Range(0, a.Length).ToArray();
        const int Batch = 256;
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0;
            var batches = 0;
            for (var start = 0; start + Batch <= order.Length; start += Batch)
            {
                var rows = order.AsSpan(start, Batch).ToArray();
                var grad = new float[w.Length];
                lossSum += Step(w, [.. rows.Select(r => ca[r])], [.. rows.Select(r => cb[r])], dims, d, (float)tau, grad);
                batches++;
                step++;
                // Adam
                const float B1 = 0.9f, B2 = 0.999f, Eps = 1e-8f;
                var c1 = 1 - MathF.Pow(B1, step);
                var c2 = 1 - MathF.Pow(B2, step);
                for (var i = 0; i < w.Length; i++)
                {
                    m[i] = (B1 * m[i]) + ((1 - B1) * grad[i]);
                    v[i] = (B2 * v[i]) + ((1 - B2) * grad[i] * grad[i]);
                    w[i] -= (float)lr * (m[i] / c1) / (MathF.Sqrt(v[i] / c2) + Eps);
                }
            }

            log($"# contrastive epoch {epoch + 1}: loss {lossSum / Math.Max(1, batches):0.0000}");
        }

        return e =>
        {
            var x = Centre(e, pca.Mean);
            var u = new float[dims];
            for (var c = 0; c < dims; c++)
            {
                u[c] = TensorPrimitives.Dot(w.AsSpan(c * d, d), x);
            }

            var n = TensorPrimitives.Norm(u);
            if (n > 0)
            {
                TensorPrimitives.Divide(u, n, u);
            }

            return u;
        };
    }

    private static float[] Centre(float[] x, float[] mean)
    {
        var c = new float[x.Length];
        TensorPrimitives.Subtract(x, mean, c);
        return c;
    }

    /// <summary>One batch: adds dLoss/dW (mean over the batch) to <paramref name="grad"/>; returns the loss.</summary>
    private static double Step(float[] w, float[][] a, float[][] b, int dims, int d, float tau, float[] grad)
    {
        var n = a.Length;
        var (ua, na) = Project(w, a, dims, d);
        var (ub, nb) = Project(w, b, dims, d);
        var s = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                s[i, j] = TensorPrimitives.Dot(ua[i], ub[j]) / tau;
            }
        }

        // G = dL/dS for L = mean_i(-log softmax_row(S)[i,i]) + mean_j(-log softmax_col(S)[j,j]).
        var g = new double[n, n];
        var loss = SoftmaxGradient(s, g, n, byRow: true) + SoftmaxGradient(s, g, n, byRow: false);

        // dL/dû_i = Σ_j G_ij v̂_j / τ ; dL/dv̂_j = Σ_i G_ij û_i / τ; then through the normalisation and the map.
        var scale = 1.0 / (n * tau);
        for (var i = 0; i < n; i++)
        {
            var du = new float[dims];
            var dv = new float[dims];
            for (var j = 0; j < n; j++)
            {
                var gij = (float)(g[i, j] * scale);
                var gji = (float)(g[j, i] * scale);
                if (gij != 0)
                {
                    TensorPrimitives.MultiplyAdd(ub[j], gij, du, du);
                }

                if (gji != 0)
                {
                    TensorPrimitives.MultiplyAdd(ua[j], gji, dv, dv);
                }
            }

            Accumulate(grad, Unnormalise(du, ua[i], na[i]), a[i], dims, d);
            Accumulate(grad, Unnormalise(dv, ub[i], nb[i]), b[i], dims, d);
        }

        return loss / n;
    }

    /// <summary>Adds softmax − identity of each row (or column) of <paramref name="s"/> to <paramref name="g"/>; returns the summed −log of the diagonal's probabilities.</summary>
    private static double SoftmaxGradient(double[,] s, double[,] g, int n, bool byRow)
    {
        double loss = 0;
        for (var a = 0; a < n; a++)
        {
            double At(int b) => byRow ? s[a, b] : s[b, a];
            var max = double.MinValue;
            for (var b = 0; b < n; b++)
            {
                max = Math.Max(max, At(b));
            }

            double sum = 0;
            for (var b = 0; b < n; b++)
            {
                sum += Math.Exp(At(b) - max);
            }

            for (var b = 0; b < n; b++)
            {
                var p = (Math.Exp(At(b) - max) / sum) - (a == b ? 1 : 0);
                if (byRow)
                {
                    g[a, b] += p;
                }
                else
                {
                    g[b, a] += p;
                }
            }

            loss -= At(a) - max - Math.Log(sum);
        }

        return loss;
    }

    private static (float[][] Unit, float[] Norms) Project(float[] w, float[][] x, int dims, int d)
    {
        var unit = new float[x.Length][];
        var norms = new float[x.Length];
        Parallel.For(0, x.Length, i =>
        {
            var u = new float[dims];
            for (var c = 0; c < dims; c++)
            {
                u[c] = TensorPrimitives.Dot(w.AsSpan(c * d, d), x[i]);
            }

            norms[i] = Math.Max(1e-12f, TensorPrimitives.Norm(u));
            TensorPrimitives.Divide(u, norms[i], u);
            unit[i] = u;
        });
        return (unit, norms);
    }

    /// <summary>Gradient through u/|u|: (g − û(û·g)) / |u|.</summary>
    private static float[] Unnormalise(float[] g, float[] unit, float norm)
    {
        var dot = TensorPrimitives.Dot(unit, g);
        var r = new float[g.Length];
        for (var c = 0; c < g.Length; c++)
        {
            r[c] = (g[c] - (unit[c] * dot)) / norm;
        }

        return r;
    }

    private static void Accumulate(float[] grad, float[] du, float[] x, int dims, int d)
    {
        for (var c = 0; c < dims; c++)
        {
            if (du[c] != 0)
            {
                TensorPrimitives.MultiplyAdd(x, du[c], grad.AsSpan(c * d, d), grad.AsSpan(c * d, d));
            }
        }
    }
}
