using System.Numerics.Tensors;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Core.Tests.Alerts;

public sealed class DenseScorerTests
{
    [Theory]
    [InlineData(1, 1, 8)]
    [InlineData(7, 25, 16)]       // ragged: models not a multiple of 4, papers not a multiple of 24
    [InlineData(300, 50, 128)]    // more than one task of models
    [InlineData(1030, 130, 40)]   // the parallel path
    [InlineData(5, 3, 3)]         // dimensions not a multiple of 8
    public void Match_FindsExactlyThePairsANaiveLoopFinds(int models, int papers, int dims)
    {
        var rng = new Random(models * 31 + papers);
        float[] Unit()
        {
            var v = new float[dims];
            for (var i = 0; i < dims; i++)
            {
                v[i] = (float)(rng.NextDouble() * 2 - 1);
            }

            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            return v;
        }

        var weights = Enumerable.Range(0, models).Select(_ => Unit()).ToList();
        var biases = Enumerable.Range(0, models).Select(_ => (float)(rng.NextDouble() * 0.1)).ToList();
        var cutoffs = Enumerable.Range(0, models).Select(_ => (float)(rng.NextDouble() * 0.4)).ToList();
        var xs = Enumerable.Range(0, papers).Select(_ => Unit()).ToList();
        var packed = xs.SelectMany(x => x).ToArray();

        var hits = new DenseScorer(dims, weights, biases, cutoffs).Match(packed, papers);

        var expected = new List<(int, int)>();
        for (var m = 0; m < models; m++)
        {
            for (var p = 0; p < papers; p++)
            {
                var score = TensorPrimitives.Dot(weights[m], xs[p]) + biases[m];
                if (score > cutoffs[m] + 1e-4f)
                {
                    expected.Add((m, p));
                }
                else if (score > cutoffs[m] - 1e-4f)
                {
                    hits.RemoveAll(h => h.Model == m && h.Paper == p); // too close to call in float order
                }
            }
        }

        Assert.Equal(expected.Order(), hits.Select(h => (h.Model, h.Paper)).Order());
        Assert.All(hits, h => Assert.InRange(h.Score - (TensorPrimitives.Dot(weights[h.Model], xs[h.Paper]) + biases[h.Model]), -1e-4f, 1e-4f));
    }

    [Fact]
    public void Match_NoModelsOrNoPapers_FindsNothing()
    {
        Assert.Empty(new DenseScorer(8, [], [], []).Match([], 0));
        Assert.Empty(new DenseScorer(8, [new float[8]], [0f], [-1f]).Match([], 0));
    }
}
