using System.Numerics.Tensors;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Tests;

public sealed class VectorSearcherTests
{
    private const int Dims = 128;

    [Fact]
    public void Search_Int8Exact_AgreesWithFloatReferenceOnTop10()
    {
        var (matrix, vectors) = Clustered(5000, seed: 1);
        var overlap = MeanOverlap(matrix, vectors, candidates: 0);

        Assert.True(overlap >= 0.9, $"top-10 overlap {overlap:0.000}");
    }

    [Theory]
    [InlineData(PrefilterKind.SignBits, 0.8)]
    [InlineData(PrefilterKind.Codes, 0.9)]
    public void Search_PrefilterThenInt8_KeepsMostOfFloatTop10(PrefilterKind kind, double atLeast)
    {
        var (matrix, vectors) = Clustered(20000, seed: 2);
        var overlap = MeanOverlap(matrix, vectors, candidates: 1000, kind);

        Assert.True(overlap >= atLeast, $"top-10 overlap {overlap:0.000}");
    }

    [Fact]
    public void Search_CodesPrefilter_FindsRowsPastTheLastWholeBlockAndAppendedLater()
    {
        var (matrix, _) = Clustered(6000, seed: 5);
        var target = Unit(new Random(6));
        matrix.EnsureCodes();
        matrix.Append(7000, 2020, "cs.LG", VectorCodec.Encode(target)); // row 6000: encoded on append, in a partial block

        var found = VectorSearcher.Search(matrix, target, RowFilter.None, 3, candidates: 500, PrefilterKind.Codes);

        Assert.Equal(7000L, found[0].Seq);
    }

    [Fact]
    public void Search_CodesPrefilterWithCategory_ReturnsOnlyAllowedRowsInExactOrder()
    {
        var (matrix, vectors) = Clustered(12000, seed: 7);
        for (var i = 0; i < 400; i++)
        {
            matrix.Append(100_000 + i, 2020, "math.CA", VectorCodec.Encode(vectors[i]));
        }

        var query = vectors[3];
        var filter = new RowFilter(0, matrix.Categories.Containing("math.CA"), ExcludeSeq: -1);

        var found = VectorSearcher.Search(matrix, query, filter, 5, candidates: 1000, PrefilterKind.Codes);
        var exact = VectorSearcher.Search(matrix, query, filter, 5, candidates: 0);

        Assert.All(found, f => Assert.InRange(f.Seq, 100_000, 100_399));
        Assert.Equal(exact.Select(e => e.Seq), found.Select(f => f.Seq));
    }

    [Fact]
    public void Dot_Simd_EqualsScalar()
    {
        var random = new Random(3);
        var row = new sbyte[Dims];
        var query = new short[Dims];
        for (var i = 0; i < Dims; i++)
        {
            row[i] = (sbyte)random.Next(-127, 128);
            query[i] = (short)random.Next(-127, 128);
        }

        Assert.Equal(Int8Dot.DotScalar(row, query), Int8Dot.Dot(row, query));
    }

    [Fact]
    public void Search_Filters_ExcludeQueryYearAndCategory()
    {
        var matrix = new VectorMatrix(Dims, new float[Dims]);
        var v = Unit(new Random(4));
        matrix.Append(1, 2020, "cs.LG", VectorCodec.Encode(v));
        matrix.Append(2, 2015, "cs.LG", VectorCodec.Encode(v));
        matrix.Append(3, 2021, "q-bio.NC cs.LG", VectorCodec.Encode(v));
        matrix.Append(4, 2022, "math.CA", VectorCodec.Encode(v));

        var found = VectorSearcher.Search(matrix, v, new RowFilter(2018, matrix.Categories.Containing("CS.lg"), ExcludeSeq: 1), 10, 0);

        Assert.Equal([3L], found.Select(f => f.Seq));
    }

    private static double MeanOverlap(VectorMatrix matrix, float[][] vectors, int candidates, PrefilterKind kind = PrefilterKind.Codes)
    {
        var total = 0.0;
        const int Queries = 50;
        for (var q = 0; q < Queries; q++)
        {
            var query = vectors[q * 37 % vectors.Length];
            var reference = vectors.Select((v, i) => (Seq: (long)i, Score: TensorPrimitives.Dot(v, query)))
                .OrderByDescending(x => x.Score).Take(10).Select(x => x.Seq).ToHashSet();
            var found = VectorSearcher.Search(matrix, query, RowFilter.None, 10, candidates, kind).Select(f => f.Seq);
            total += found.Count(reference.Contains) / 10.0;
        }

        return total / Queries;
    }

    /// <summary>Vectors around 50 random centres at varied distances, like topics: neighbours are meaningful, not ties in noise.</summary>
    private static (VectorMatrix, float[][]) Clustered(int n, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 50).Select(_ => Unit(random)).ToArray();
        var matrix = new VectorMatrix(Dims, new float[Dims]);
        var vectors = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var noise = Unit(random);
            var v = new float[Dims];
            TensorPrimitives.MultiplyAdd(noise, 0.3f + (float)random.NextDouble() * 1.2f, centres[i % centres.Length], v);
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            vectors[i] = v;
            matrix.Append(i, 2020, "cs.LG", VectorCodec.Encode(v));
        }

        return (matrix, vectors);
    }

    private static float[] Unit(Random random)
    {
        var v = new float[Dims];
        for (var i = 0; i < Dims; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
