namespace ResearchBot.Similarity.Evaluation;

/// <summary>The two quality measures: category precision of the top 10 and title → own-abstract MRR@10.</summary>
public static class QualityMetrics
{
    public const int K = 10;

    /// <summary>Share of the top-10 neighbours (query excluded; missing slots count as misses) that carry the query's primary category.</summary>
    public static double CategoryPrecision(EvalDocument query, IEnumerable<EvalDocument> neighbours) =>
        neighbours.Take(K).Count(n => n.Categories.Contains(query.Categories[0], StringComparer.OrdinalIgnoreCase)) / (double)K;

    /// <summary>1/rank of the target among the first 10 results, 0 when absent.</summary>
    public static double ReciprocalRank(int target, IEnumerable<int> ranked)
    {
        var rank = 0;
        foreach (var r in ranked.Take(K))
        {
            rank++;
            if (r == target)
            {
                return 1.0 / rank;
            }
        }

        return 0;
    }

    /// <summary>What a random ranking scores on category precision (the chance level).</summary>
    public static double RandomPrecision(IReadOnlyList<EvalDocument> docs)
    {
        if (docs.Count < 2)
        {
            return 0;
        }

        var counts = docs.SelectMany(d => d.Categories.Distinct(StringComparer.OrdinalIgnoreCase)).GroupBy(c => c, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        return docs.Average(d => (counts[d.Categories[0]] - 1) / (double)(docs.Count - 1));
    }
}

/// <summary>One line of the quality table.</summary>
public sealed record QualityRow(string Engine, double CategoryP10, double TitleMrr10, double MillisecondsPerQuery);
