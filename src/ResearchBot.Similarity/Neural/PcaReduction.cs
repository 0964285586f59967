using System.Numerics.Tensors;
using ResearchBot.Similarity.Model;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// Principal components of a sample of embeddings: centres a vector on the sample mean, projects it onto the top
/// <see cref="Dimensions"/> components and L2-normalises it, so a 384-float embedding becomes 128 int8 values that
/// fit the matrix, the 2-bit pre-pass and the filters the LSA engine uses. Immutable; safe to share between threads.
/// </summary>
internal sealed class PcaReduction
{
    public PcaReduction(int inputDimensions, int dimensions, float[] mean, float[] components)
    {
        if (mean.Length != inputDimensions || components.Length != dimensions * inputDimensions)
        {
            throw new ArgumentException("PCA sizes do not match.");
        }

        InputDimensions = inputDimensions;
        Dimensions = dimensions;
        Mean = mean;
        Components = components;
    }

    public int InputDimensions { get; }
    public int Dimensions { get; }
    public float[] Mean { get; }

    /// <summary>Row-major, one row of <see cref="InputDimensions"/> floats per output dimension.</summary>
    public float[] Components { get; }

    /// <summary>
    /// Fits on <paramref name="sample"/> (covariance in double precision, then the symmetric eigensolver): the top
    /// <paramref name="dimensions"/> components, at most the input's dimensions.
    /// </summary>
    public static PcaReduction Fit(IReadOnlyList<float[]> sample, int dimensions)
    {
        if (sample.Count == 0)
        {
            throw new ArgumentException("Cannot fit PCA on no vectors.", nameof(sample));
        }

        var d = sample[0].Length;
        var k = Math.Min(dimensions, d);
        var mean = new double[d];
        foreach (var v in sample)
        {
            for (var i = 0; i < d; i++)
            {
                mean[i] += v[i];
            }
        }

        for (var i = 0; i < d; i++)
        {
            mean[i] /= sample.Count;
        }

        // Upper triangle of Σ (x − μ)(x − μ)ᵀ, one row at a time over float spans, mirrored afterwards.
        var covariance = new double[d * d];
        var centred = new float[d];
        var row = new float[d];
        foreach (var v in sample)
        {
            for (var i = 0; i < d; i++)
            {
                centred[i] = (float)(v[i] - mean[i]);
            }

            for (var i = 0; i < d; i++)
            {
                if (centred[i] == 0)
                {
                    continue;
                }

                var tail = d - i;
                TensorPrimitives.Multiply(centred.AsSpan(i, tail), centred[i], row.AsSpan(0, tail));
                var target = covariance.AsSpan(i * d + i, tail);
                for (var j = 0; j < tail; j++)
                {
                    target[j] += row[j];
                }
            }
        }

        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < i; j++)
            {
                covariance[i * d + j] = covariance[j * d + i];
            }
        }

        var (_, vectors) = DenseMath.SymmetricEigen(covariance, d);
        var components = new float[k * d];
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < d; i++)
            {
                components[c * d + i] = (float)vectors[i * d + c];
            }
        }

        return new PcaReduction(d, k, [.. mean.Select(m => (float)m)], components);
    }

    /// <summary>Centres, projects and L2-normalises <paramref name="embedding"/> into <paramref name="output"/>; false when nothing is left (a vector at the mean).</summary>
    public bool Reduce(ReadOnlySpan<float> embedding, Span<float> output)
    {
        if (embedding.Length != InputDimensions)
        {
            throw new ArgumentException($"The embedding has {embedding.Length} dimensions, the PCA expects {InputDimensions}.", nameof(embedding));
        }

        Span<float> centred = InputDimensions <= 1024 ? stackalloc float[InputDimensions] : new float[InputDimensions];
        TensorPrimitives.Subtract(embedding, Mean, centred);
        for (var c = 0; c < Dimensions; c++)
        {
            output[c] = TensorPrimitives.Dot(Components.AsSpan(c * InputDimensions, InputDimensions), centred);
        }

        var norm = TensorPrimitives.Norm(output[..Dimensions]);
        if (norm <= 1e-12f)
        {
            output[..Dimensions].Clear();
            return false;
        }

        TensorPrimitives.Divide(output[..Dimensions], norm, output[..Dimensions]);
        return true;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(InputDimensions);
        w.Write(Dimensions);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Mean.AsSpan()));
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Components.AsSpan()));
    }

    public static PcaReduction Read(BinaryReader r)
    {
        var input = r.ReadInt32();
        var dims = r.ReadInt32();
        if (input <= 0 || dims <= 0 || dims > input)
        {
            throw new InvalidDataException("Bad PCA sizes.");
        }

        return new PcaReduction(input, dims, ReadFloats(r, input), ReadFloats(r, dims * input));
    }

    private static float[] ReadFloats(BinaryReader r, int count)
    {
        var result = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan());
        if (r.Read(bytes) != bytes.Length)
        {
            throw new InvalidDataException("Truncated PCA blob.");
        }

        return result;
    }
}
