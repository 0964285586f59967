using System.Collections.Immutable;

namespace ResearchBot.Core.Alerts;

/// <summary>A parsed alert query (see <see cref="AlertQueryParser"/> for the language).</summary>
public sealed record AlertQuery(string Text, QueryNode Root)
{
    /// <summary>The normalised form, e.g. <c>"graph neural network" AND (cat:cs.lg OR cat:stat.*)</c>.</summary>
    public string Canonical => Root.ToQueryText();

    /// <summary>An order-insensitive form for spotting the same query written twice (<c>a b</c> = <c>b AND a</c>).</summary>
    public string Key => KeyOf(Root);

    /// <summary>Evaluates the query; returns null when the paper does not match.</summary>
    public AlertMatch? Match(PaperFeatures paper)
    {
        if (!IsMatch(Root, paper))
        {
            return null;
        }

        var why = new List<string>(4);
        var score = 0.0;
        Explain(Root, paper, why, ref score);
        return new AlertMatch(score, [.. why]);
    }

    /// <summary>True when the paper matches; allocation-free, for the percolator's hot path.</summary>
    public bool Matches(PaperFeatures paper) => IsMatch(Root, paper);

    /// <summary>Plain-language lines saying what the query matches.</summary>
    public ImmutableArray<string> Describe() => [Describe(Root)];

    private static bool IsMatch(QueryNode node, PaperFeatures paper)
    {
        switch (node)
        {
            case QueryNode.Terms t:
                return paper.Find(t) > 0;
            case QueryNode.Author a:
                return paper.HasAuthor(a.Name);
            case QueryNode.Category c:
                return paper.HasCategory(c);
            case QueryNode.Not n:
                return !IsMatch(n.Child, paper);
            case QueryNode.And and:
                foreach (var child in and.Children)
                {
                    if (!IsMatch(child, paper))
                    {
                        return false;
                    }
                }

                return true;
            case QueryNode.Or or:
                foreach (var child in or.Children)
                {
                    if (IsMatch(child, paper))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Collects the positive leaves that hold (what to show as "why") and scores them; title hits weigh double.</summary>
    private static void Explain(QueryNode node, PaperFeatures paper, List<string> why, ref double score)
    {
        switch (node)
        {
            case QueryNode.Terms t:
                var where = paper.Find(t);
                if (where > 0)
                {
                    score += where == 2 ? 2 * t.Stems.Length : t.Stems.Length;
                    Add(why, t.IsPhrase ? $"\"{t.Display}\"" : t.Display);
                }

                return;
            case QueryNode.Author a:
                if (paper.HasAuthor(a.Name))
                {
                    score += 3;
                    Add(why, "author " + a.Name.Display);
                }

                return;
            case QueryNode.Category c:
                if (paper.HasCategory(c))
                {
                    score += 0.5;
                    Add(why, c.ToQueryText());
                }

                return;
            case QueryNode.And and:
                foreach (var child in and.Children)
                {
                    Explain(child, paper, why, ref score);
                }

                return;
            case QueryNode.Or or:
                foreach (var child in or.Children)
                {
                    Explain(child, paper, why, ref score);
                }

                return;
            default:
                return; // NOT: an absence is not a reason
        }
    }

    private static void Add(List<string> why, string item)
    {
        if (!why.Contains(item))
        {
            why.Add(item);
        }
    }

    private static string Describe(QueryNode node) => node switch
    {
        QueryNode.Terms { IsPhrase: true } t => $"the phrase \"{t.Display}\" in the title or abstract",
        QueryNode.Terms t => $"the word \"{t.Display}\" in the title or abstract",
        QueryNode.Author a => $"an author named {a.Name.Display}",
        QueryNode.Category { Wildcard: true } c => $"any {c.Value}* category",
        QueryNode.Category c => $"category {c.Value}",
        QueryNode.Not n => $"not {Wrap(n.Child)}",
        QueryNode.And a => string.Join(" and ", a.Children.Select(Wrap)),
        QueryNode.Or o => "either " + string.Join(" or ", o.Children.Select(Wrap)),
        _ => node.ToQueryText(),
    };

    private static string KeyOf(QueryNode node) => node switch
    {
        QueryNode.And a => "(" + string.Join(" AND ", a.Children.Select(KeyOf).Order(StringComparer.Ordinal)) + ")",
        QueryNode.Or o => "(" + string.Join(" OR ", o.Children.Select(KeyOf).Order(StringComparer.Ordinal)) + ")",
        QueryNode.Not n => "NOT " + KeyOf(n.Child),
        QueryNode.Terms t => "\"" + string.Join(' ', t.Stems) + "\"",
        QueryNode.Author a => "author:" + a.Name.Key,
        _ => node.ToQueryText(),
    };

    private static string Wrap(QueryNode node) => node is QueryNode.And or QueryNode.Or ? $"({Describe(node)})" : Describe(node);
}
