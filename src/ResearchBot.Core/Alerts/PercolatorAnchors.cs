namespace ResearchBot.Core.Alerts;

/// <summary>
/// Chooses the keys a query is filed under: a set such that every paper the query can match has at least one of them.
/// For AND the cheapest child's set is enough; OR needs the union; NOT cannot be anchored.
/// </summary>
internal static class PercolatorAnchors
{
    // Words so frequent in paper titles and abstracts that filing a query under them would make it a candidate
    // for most papers; another term of an AND is preferred when there is one.
    private static readonly HashSet<string> Common =
    [
        "the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "with", "by", "from", "we", "is", "are", "this",
        "that", "our", "learning", "model", "network", "neural", "deep", "method", "data", "approach", "based", "using",
        "result", "show", "propose", "task", "performance", "paper", "new", "large", "language", "system", "training",
    ];

    public static HashSet<string>? For(QueryNode node) => Cost(node).Keys;

    private static (HashSet<string>? Keys, double Cost) Cost(QueryNode node)
    {
        switch (node)
        {
            case QueryNode.Terms t:
                var best = t.Stems.OrderBy(s => Common.Contains(s) ? 1 : 0).ThenByDescending(s => s.Length).First();
                return ([PercolatorKey.Word(best)], Common.Contains(best) ? 50 : best.Length <= 3 ? 5 : 1);
            case QueryNode.Author a:
                return ([PercolatorKey.Surname(a.Name.Surname)], 1);
            case QueryNode.Category { Wildcard: true } c:
                return ([PercolatorKey.Archive(c.Value)], 100);
            case QueryNode.Category c:
                return ([PercolatorKey.Category(c.Value)], 20);
            case QueryNode.And and:
                (HashSet<string>? Keys, double Cost) cheapest = (null, double.MaxValue);
                foreach (var child in and.Children)
                {
                    var candidate = Cost(child);
                    if (candidate.Keys is not null && candidate.Cost < cheapest.Cost)
                    {
                        cheapest = candidate;
                    }
                }

                return cheapest;
            case QueryNode.Or or:
                var union = new HashSet<string>(StringComparer.Ordinal);
                double total = 0;
                foreach (var child in or.Children)
                {
                    var (keys, cost) = Cost(child);
                    if (keys is null)
                    {
                        return (null, double.MaxValue);
                    }

                    union.UnionWith(keys);
                    total += cost;
                }

                return (union, total);
            default:
                return (null, double.MaxValue);
        }
    }
}
