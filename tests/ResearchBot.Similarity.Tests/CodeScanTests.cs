using System.Numerics.Tensors;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Tests;

public sealed class CodeScanTests
{
    [Theory]
    [InlineData(128)]
    [InlineData(58)]
    public void Masks_Simd_EqualEstimatesFromScalarPath(int dims)
    {
        var random = new Random(dims);
        var bytes = CodeBook.BytesFor(dims);
        const int Blocks = 40;
        var codes = new byte[Blocks * CodeScan.BlockBytes(bytes)];
        random.NextBytes(codes);
        var entries = new byte[bytes * 2 * 16];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = (byte)random.Next(0, QueryTables.MaxEntry + 1);
        }

        var tables = new QueryTables(entries, bytes * 2);
        var threshold = tables.MaxSum / 2;
        var masks = new uint[Blocks];
        CodeScan.Masks(codes, bytes, 0, Blocks, tables, threshold, masks);

        var scalar = new ushort[CodeScan.BlockRows];
        var simd = new ushort[CodeScan.BlockRows];
        var passing = 0;
        for (var block = 0; block < Blocks; block++)
        {
            CodeScan.EstimateScalar(codes, bytes, block, tables, scalar);
            CodeScan.Estimate(codes, bytes, block, tables, simd);
            Assert.Equal(scalar, simd);
            for (var r = 0; r < CodeScan.BlockRows; r++)
            {
                Assert.Equal(scalar[r] >= threshold, (masks[block] & (1u << r)) != 0);
                passing += scalar[r] >= threshold ? 1 : 0;
            }
        }

        Assert.InRange(passing, 1, Blocks * CodeScan.BlockRows - 1); // the threshold splits the rows
    }

    [Fact]
    public void Tables_EstimatesFollowTheExactDotProduct()
    {
        const int Dims = 64;
        var random = new Random(9);
        var vectors = Enumerable.Range(0, 2000).Select(_ => Gaussian(random, Dims)).ToArray();
        var blobs = vectors.Select(v => VectorCodec.Encode(v)).ToArray();
        var data = blobs.SelectMany(b => VectorCodec.Values(b).ToArray()).ToArray();
        var scales = blobs.Select(b => VectorCodec.Scale(b)).ToArray();
        var book = CodeBook.Fit(data, scales, vectors.Length, Dims, Dims);
        var codes = new byte[(vectors.Length / CodeScan.BlockRows + 1) * CodeScan.BlockBytes(book.BytesPerRow)];
        var code = new byte[book.BytesPerRow];
        for (var row = 0; row < vectors.Length; row++)
        {
            book.Encode(data.AsSpan(row * Dims, Dims), scales[row], code);
            CodeScan.Write(codes, book.BytesPerRow, row, code);
        }

        var query = vectors[0];
        var tables = book.Tables(query);
        var estimates = new ushort[CodeScan.BlockRows];
        var pairs = new List<(double Exact, double Estimate)>();
        for (var block = 0; block < vectors.Length / CodeScan.BlockRows; block++)
        {
            CodeScan.Estimate(codes, book.BytesPerRow, block, tables, estimates);
            for (var r = 0; r < CodeScan.BlockRows; r++)
            {
                pairs.Add((TensorPrimitives.Dot(query, vectors[block * CodeScan.BlockRows + r]), estimates[r]));
            }
        }

        var correlation = Correlation(pairs);
        Assert.True(correlation > 0.9, $"correlation {correlation:0.000}");
        // The query itself has the largest estimate of all rows.
        Assert.Equal(pairs.Max(p => p.Estimate), pairs[0].Estimate);
    }

    private static float[] Gaussian(Random random, int dims)
    {
        // Falling variance across dimensions, as in LSA.
        var v = new float[dims];
        for (var i = 0; i < dims; i++)
        {
            var u = 1 - random.NextDouble();
            v[i] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()) / Math.Sqrt(1 + i));
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static double Correlation(List<(double X, double Y)> pairs)
    {
        var (mx, my) = (pairs.Average(p => p.X), pairs.Average(p => p.Y));
        var cov = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        return cov / Math.Sqrt(pairs.Sum(p => (p.X - mx) * (p.X - mx)) * pairs.Sum(p => (p.Y - my) * (p.Y - my)));
    }
}
