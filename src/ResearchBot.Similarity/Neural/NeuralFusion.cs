using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// How the neural engine ranks free text (and a paper without a vector): its cosine ranking and an FTS5 BM25 query of
/// the text's own words, each cut to <see cref="Depth"/> candidates, fused by the convex combination of
/// z-score-normalised scores with weight <see cref="DenseWeight"/> on the cosine (Bruch et al. 2022). Chosen on the
/// first 5,000 dev papers with the bench's <c>fusion</c> command (README, "Fusion for titles and free text"):
/// title→abstract MRR@10 0.975 against 0.971 for the best reciprocal rank fusion and 0.917 / 0.962 for either engine
/// alone; α = 0.6 is the middle of a plateau (0.55–0.65 within 0.0015 on both halves). Min-max over the first 50 until
/// the category projection: z-scores over the first 100 were the best fusion on all dev papers (0.9540 against 0.9527)
/// and, in the projection's space, gave back most of the MRR it costs (held-apart halves: 0.9647 / 0.9645 against
/// 0.9638 / 0.9632). The eval's bot row calls this code.
/// </summary>
public static class NeuralFusion
{
    /// <summary>Candidates taken from each engine (the normalisation depends on it; ≥ the largest answer, 50).</summary>
    public const int Depth = 100;

    /// <summary>α: the cosine's weight; 1 − α goes to BM25.</summary>
    public const double DenseWeight = 0.6;

    public const ScoreNormalisation Normalisation = ScoreNormalisation.ZScore;

    /// <summary>
    /// The keyword query: the text's distinct index words in order (FTS5 uses the first 32). Not the TF-IDF vocabulary's
    /// top terms: that vocabulary drops words seen in one paper only, the very words that identify a paper by its title
    /// (MRR@10 0.924 against 0.962 on the same 5,000 titles).
    /// </summary>
    public static List<string> Words(string text)
    {
        var tokens = new Text.TokenList();
        Text.Tokenizer.Tokenize(text, tokens);
        return [.. Enumerable.Range(0, tokens.Count).Select(i => tokens[i].ToString()).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The fused ranking, best first; a keyword-only candidate scores with <paramref name="cosineOf"/>.</summary>
    public static List<(long Seq, double Score)> Fuse(IEnumerable<(long Seq, double Score)> dense, IEnumerable<(long Seq, double Score)> keyword, Func<long, double?> cosineOf) =>
        RankFusion.Convex([.. dense.Take(Depth)], [.. keyword.Take(Depth)], DenseWeight, Normalisation, cosineOf);
}
