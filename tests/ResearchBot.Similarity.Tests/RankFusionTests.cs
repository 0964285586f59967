using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Tests;

public sealed class RankFusionTests
{
    // Dense cosines and BM25 scores chosen so every normalised value is exact in binary floating point:
    // dense min-max over {0.25 … 0.75}: 1 → 1, 2 → 0.75, 3 → 0, 4 (keyword-only, exact cosine 0.5) → 0.5;
    // keyword min-max over {2 … 10}: 3 → 1, 4 → 0.75, 1 → 0, 2 (dense-only, takes the lowest) → 0.
    private static readonly (long Seq, double Score)[] Dense = [(1, 0.75), (2, 0.625), (3, 0.25)];
    private static readonly (long Seq, double Score)[] Keyword = [(3, 10), (4, 8), (1, 2)];

    private static double? CosineOf(long seq) => seq == 4 ? 0.5 : null;

    [Fact]
    public void Rrf_EqualWeights_TiesGoToTheLowerSeq()
    {
        // 1 and 3: 1/61 + 1/63 each; 2: 2/62, slightly less.
        Assert.Equal([1L, 3, 2], RankFusion.Rrf([[1L, 2, 3], [3L, 2, 1]]));
    }

    [Fact]
    public void Rrf_WeightsAndK_ChangeTheOrder()
    {
        // k = 0, second list weighted 2: 1 → 1 + 2/3, 2 → 1/2 + 1, 3 → 1/3 + 2.
        Assert.Equal([3L, 1, 2], RankFusion.Rrf([[1L, 2, 3], [3L, 2, 1]], k: 0, weights: [1, 2]));
    }

    [Fact]
    public void Rrf_TwoListsAtK60_IsLsaIndexRrf()
    {
        long[] a = [5, 9, 2, 7], b = [2, 11, 5, 3];
        Assert.Equal(LsaSimilarityIndex.Rrf(a, b), RankFusion.Rrf([a, b]));
    }

    [Fact]
    public void Rrf_WeightCountMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => RankFusion.Rrf([[1L], [2L]], weights: [1]));

    [Fact]
    public void Convex_HalfAndHalf_KeywordOnlyHitUsesItsExactCosine()
    {
        // 1: 0.5·1 + 0.5·0 = 0.5; 2: 0.375; 3: 0.5·0 + 0.5·1 = 0.5; 4: 0.5·0.5 + 0.5·0.75 = 0.625.
        var fused = RankFusion.Convex(Dense, Keyword, 0.5, ScoreNormalisation.MinMax, CosineOf);
        Assert.Equal([4L, 1, 3, 2], fused.Select(f => f.Seq));
        Assert.Equal([0.625, 0.5, 0.5, 0.375], fused.Select(f => f.Score));
    }

    [Fact]
    public void Convex_WithoutExactCosine_KeywordOnlyHitTakesTheLowestDenseScore()
    {
        // 4 now has dense 0.25 → 0: 0.5·0 + 0.5·0.75 = 0.375, tied with 2 and after it (lower seq first).
        var fused = RankFusion.Convex(Dense, Keyword, 0.5);
        Assert.Equal([1L, 3, 2, 4], fused.Select(f => f.Seq));
    }

    [Fact]
    public void Convex_WeightOne_IsTheDenseRanking_WeightZero_TheKeywordRanking()
    {
        Assert.Equal([1L, 2, 4, 3], RankFusion.Convex(Dense, Keyword, 1, ScoreNormalisation.MinMax, CosineOf).Select(f => f.Seq));
        Assert.Equal([3L, 4, 1, 2], RankFusion.Convex(Dense, Keyword, 0, ScoreNormalisation.MinMax, CosineOf).Select(f => f.Seq));
    }

    [Theory]
    [InlineData(ScoreNormalisation.MinMax)]
    [InlineData(ScoreNormalisation.ZScore)]
    public void Convex_IgnoresTheScaleOfEitherEngine(ScoreNormalisation normalisation)
    {
        var scaled = Keyword.Select(k => (k.Seq, k.Score * 37 + 5)).ToArray();
        var expected = RankFusion.Convex(Dense, Keyword, 0.3, normalisation, CosineOf).Select(f => f.Seq).ToList();
        Assert.Equal(expected, RankFusion.Convex(Dense, scaled, 0.3, normalisation, CosineOf).Select(f => f.Seq));
    }

    [Fact]
    public void Convex_ZScore_WeightDecidesBetweenTheEnginesFavourites()
    {
        // Dense over the union {1: 3, 2: 1, 3: 1 (floor)}: z = +1.414, −0.707, −0.707; keyword over its hits {2: 5, 3: 1}:
        // z = +1, −1, and 1 (not a hit) takes the lowest, −1. α = 0.5: 1 → 0.207, 2 → 0.146; α = 0.4: 1 → −0.034, 2 → 0.317.
        (long, double)[] dense = [(1, 3), (2, 1)];
        (long, double)[] keyword = [(2, 5), (3, 1)];
        Assert.Equal([1L, 2, 3], RankFusion.Convex(dense, keyword, 0.5, ScoreNormalisation.ZScore).Select(f => f.Seq));
        Assert.Equal([2L, 1, 3], RankFusion.Convex(dense, keyword, 0.4, ScoreNormalisation.ZScore).Select(f => f.Seq));
    }

    [Fact]
    public void Convex_NoKeywordHits_KeepsTheDenseOrder() =>
        Assert.Equal([1L, 2, 3], RankFusion.Convex(Dense, [], 0.4).Select(f => f.Seq));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Convex_WeightOutsideZeroToOne_Throws(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RankFusion.Convex(Dense, Keyword, weight));
}
