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
        var why = new List<string>();
        var score = 0.0;
        return Eval(Root, paper, why, ref score) ? new AlertMatch(score, [.. why.Distinct()]) : null;
    }

    public bool Matches(PaperFeatures paper) => Match(paper) is not null;

    /// <summary>Plain-language lines saying what the query matches.</summary>
    public ImmutableArray<string> Describe() => [Explain(Root)];

    private static bool Eval(QueryNode node, PaperFeatures paper, List<string> why, ref double score)
    {
        switch (node)
        {
            case QueryNode.Terms t:
                var where = paper.Find(t);
                if (where == 0)
                {
                    return false;
                }

                score += where == 2 ? 2 * t.Stems.Length : t.Stems.Length;
                why.Add(t.IsPhrase ? $"\"{t.Display}\"" : t.Display);
                return true;
            case QueryNode.Author a:
                if (!paper.HasAuthor(a.Name))
                {
                    return false;
                }

                score += 3;
                why.Add("author " + a.Name.Display);
                return true;
            case QueryNode.Category c:
                if (!paper.HasCategory(c))
                {
                    return false;
                }

                score += 0.5;
                why.Add(c.ToQueryText());
                return true;
            case QueryNode.Not n:
                var ignoredWhy = new List<string>();
                var ignoredScore = 0.0;
                return !Eval(n.Child, paper, ignoredWhy, ref ignoredScore);
            case QueryNode.And and:
                foreach (var child in and.Children)
                {
                    if (!Eval(child, paper, why, ref score))
                    {
                        return false;
                    }
                }

                return true;
            case QueryNode.Or or:
                var any = false;
                foreach (var child in or.Children)
                {
                    any |= Eval(child, paper, why, ref score);
                }

                return any;
            default:
                return false;
        }
    }

    private static string Explain(QueryNode node) => node switch
    {
        QueryNode.Terms { IsPhrase: true } t => $"the phrase \"{t.Display}\"",
        QueryNode.Terms t => $"the word \"{t.Display}\"",
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

    private static string Wrap(QueryNode node) => node is QueryNode.And or QueryNode.Or ? $"({Explain(node)})" : Explain(node);
}
