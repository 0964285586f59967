using System.Numerics.Tensors;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Tests;

public sealed class QueryFeedbackTests
{
    private const int Dims = 16;

    /// <summary>
    /// Three close neighbours share a direction with the query; D is about as close to the query but off to another
    /// side; E is a little further from the query but inside the neighbourhood.
    /// </summary>
    private static VectorMatrix Neighbourhood()
    {
        var matrix = new VectorMatrix(Dims, new float[Dims]);
        matrix.Append(1, 2020, "x", VectorCodec.Encode(Unit(0.80f, 0.60f, 0.00f)));  // A
        matrix.Append(2, 2020, "x", VectorCodec.Encode(Unit(0.79f, 0.61f, 0.05f)));  // B
        matrix.Append(3, 2020, "x", VectorCodec.Encode(Unit(0.81f, 0.58f, -0.05f))); // C
        matrix.Append(4, 2020, "x", VectorCodec.Encode(Unit(0.78f, 0.00f, 0.63f)));  // D
        matrix.Append(5, 2020, "x", VectorCodec.Encode(Unit(0.75f, 0.66f, 0.00f)));  // E
        return matrix;
    }

    [Fact]
    public void Search_WithFeedback_PrefersTheNeighbourInsideTheNeighbourhood()
    {
        var matrix = Neighbourhood();
        var query = Unit(1, 0, 0);

        var plain = VectorSearcher.Search(matrix, query, RowFilter.None, 5, 0).Select(r => r.Seq).ToList();
        var refined = VectorSearcher.Search(matrix, query, RowFilter.None, 5, 0, feedback: new QueryFeedback(3, 1f));

        Assert.True(plain.IndexOf(4) < plain.IndexOf(5), "without feedback D (closer to the query) comes before E");
        var order = refined.Select(r => r.Seq).ToList();
        Assert.True(order.IndexOf(5) < order.IndexOf(4), $"with feedback E comes before D: {string.Join(",", order)}");
        Assert.Equal(refined.Select(r => r.Score).OrderDescending(), refined.Select(r => r.Score)); // scores follow the order
    }

    [Fact]
    public void Search_FeedbackOff_SameAsPlain()
    {
        var matrix = Neighbourhood();
        var query = Unit(1, 0.1f, 0.2f);

        var plain = VectorSearcher.Search(matrix, query, RowFilter.None, 5, 0);
        var off = VectorSearcher.Search(matrix, query, RowFilter.None, 5, 0, feedback: QueryFeedback.Off);

        Assert.Equal(plain, off);
    }

    [Fact]
    public void Search_WithFeedback_StillExcludesTheQueryPaperAndHonoursK()
    {
        var matrix = Neighbourhood();

        var found = VectorSearcher.Search(matrix, Unit(0.80f, 0.60f, 0.00f), new RowFilter(0, null, ExcludeSeq: 1), 2, 0, feedback: new QueryFeedback(3, 1f));

        Assert.Equal(2, found.Count);
        Assert.DoesNotContain(found, r => r.Seq == 1);
    }

    private static float[] Unit(float a, float b, float c)
    {
        var v = new float[Dims];
        (v[0], v[1], v[2]) = (a, b, c);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
