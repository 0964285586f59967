using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Text;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// Parses the alert query language: words, "quoted phrases", <c>author:"…"</c>, <c>cat:cs.LG</c> / <c>cat:cs.*</c>,
/// <c>AND</c> (or nothing), <c>OR</c>, <c>NOT</c> / <c>-term</c> and parentheses. <c>AND</c> binds tighter than
/// <c>OR</c>. Errors name the character where the problem is.
/// </summary>
public static partial class AlertQueryParser
{
    public const int MaxLength = 300;
    public const int MaxTerms = 40;

    /// <param name="allowExclusionsOnly">For a <c>like:</c> filter, which may only exclude (<c>-survey</c>): the examples say what to look for.</param>
    public static QueryParseResult Parse(string? text, bool allowExclusionsOnly = false)
    {
        text ??= string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail("The query is empty. Give words, \"a phrase\", author:\"Name\" or cat:cs.LG.", 1);
        }

        if (text.Length > MaxLength)
        {
            return Fail($"The query is too long ({text.Length} characters; at most {MaxLength}).", MaxLength + 1);
        }

        var (tokens, lexError, lexPos) = QueryLexer.Lex(text);
        if (lexError is not null)
        {
            return Fail(lexError, lexPos);
        }

        try
        {
            var parser = new Parser(tokens);
            var root = parser.ParseOr();
            var end = parser.Peek;
            if (end.Kind == QueryTokenKind.RParen)
            {
                throw new QuerySyntaxException("This \")\" has no matching \"(\".", end.Position);
            }

            if (end.Kind != QueryTokenKind.End)
            {
                throw new QuerySyntaxException("Unexpected text here.", end.Position);
            }

            if (CountLeaves(root) > MaxTerms)
            {
                return Fail($"The query has more than {MaxTerms} terms; split it into several subscriptions.", null);
            }

            if (!allowExclusionsOnly && !HasPositive(root))
            {
                return Fail("The query only excludes things; add at least one word, phrase, author or category to look for.", 1);
            }

            return new QueryParseResult(new AlertQuery(text.Trim(), root), null, null);
        }
        catch (QuerySyntaxException ex)
        {
            return Fail(ex.Message, ex.Position);
        }
    }

    private static QueryParseResult Fail(string message, int? position) =>
        new(null, position is { } p ? $"{message} (at character {p})" : message, position);

    /// <summary>True when some paper could match without matching only "absences" (NOT-only queries match nearly everything).</summary>
    internal static bool HasPositive(QueryNode node) => node switch
    {
        QueryNode.Not => false,
        QueryNode.And a => a.Children.Any(HasPositive),
        QueryNode.Or o => o.Children.All(HasPositive),
        _ => true,
    };

    private static int CountLeaves(QueryNode node) => node switch
    {
        QueryNode.Not n => CountLeaves(n.Child),
        QueryNode.And a => a.Children.Sum(CountLeaves),
        QueryNode.Or o => o.Children.Sum(CountLeaves),
        _ => 1,
    };

    [GeneratedRegex(@"^[a-z][a-z\-]*(\.[a-z][a-z\-]*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();

    [GeneratedRegex(@"^[a-z][a-z\-]*\.\*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArchivePattern();

    // Archives whose papers always carry a subject class (cs.LG, math.PR, …): "cat:cs" is a mistake for "cat:cs.*".
    private static readonly HashSet<string> ArchivesWithSubjects = new(StringComparer.OrdinalIgnoreCase)
    {
        "cs", "math", "physics", "stat", "q-bio", "q-fin", "eess", "econ", "astro-ph", "cond-mat", "nlin",
    };

    private sealed class QuerySyntaxException(string message, int position) : Exception(message)
    {
        public int Position { get; } = position;
    }

    private sealed class Parser(List<QueryToken> tokens)
    {
        private int _next;

        public QueryToken Peek => tokens[_next];

        public QueryNode ParseOr()
        {
            var children = new List<QueryNode> { ParseAnd() };
            while (Peek.Kind == QueryTokenKind.Or)
            {
                var op = Take();
                RequireOperand(op, "OR");
                children.Add(ParseAnd());
            }

            return children.Count == 1 ? children[0] : new QueryNode.Or([.. children.SelectMany(c => c is QueryNode.Or o ? o.Children : [c])]);
        }

        private QueryNode ParseAnd()
        {
            var children = new List<QueryNode> { ParseUnary() };
            while (true)
            {
                if (Peek.Kind == QueryTokenKind.And)
                {
                    var op = Take();
                    RequireOperand(op, "AND");
                }
                else if (!StartsTerm(Peek.Kind))
                {
                    break;
                }

                children.Add(ParseUnary());
            }

            return children.Count == 1 ? children[0] : new QueryNode.And([.. children.SelectMany(c => c is QueryNode.And a ? a.Children : [c])]);
        }

        private QueryNode ParseUnary()
        {
            if (Peek.Kind == QueryTokenKind.Not)
            {
                var op = Take();
                RequireOperand(op, "NOT");
                return new QueryNode.Not(ParseUnary());
            }

            if (Peek.Kind == QueryTokenKind.Minus)
            {
                Take();
                return new QueryNode.Not(ParsePrimary());
            }

            return ParsePrimary();
        }

        private QueryNode ParsePrimary()
        {
            var t = Take();
            switch (t.Kind)
            {
                case QueryTokenKind.LParen:
                    if (Peek.Kind == QueryTokenKind.RParen)
                    {
                        throw new QuerySyntaxException("These parentheses are empty.", t.Position);
                    }

                    var inner = ParseOr();
                    if (Peek.Kind != QueryTokenKind.RParen)
                    {
                        throw new QuerySyntaxException("This \"(\" is never closed; add a \")\".", t.Position);
                    }

                    Take();
                    return inner;
                case QueryTokenKind.Word:
                case QueryTokenKind.Phrase:
                    return MakeTerms(t);
                case QueryTokenKind.Field:
                    return MakeField(t);
                case QueryTokenKind.RParen:
                    throw new QuerySyntaxException("This \")\" has no matching \"(\".", t.Position);
                case QueryTokenKind.And or QueryTokenKind.Or:
                    throw new QuerySyntaxException($"{t.Text.ToUpperInvariant()} needs a term before it.", t.Position);
                default:
                    throw new QuerySyntaxException("The query ends where a term was expected.", t.Position);
            }
        }

        private void RequireOperand(QueryToken op, string name)
        {
            if (!StartsTerm(Peek.Kind) && Peek.Kind != QueryTokenKind.Not)
            {
                throw new QuerySyntaxException($"{name} needs a term after it.", op.Position);
            }
        }

        private static bool StartsTerm(QueryTokenKind kind) =>
            kind is QueryTokenKind.Word or QueryTokenKind.Phrase or QueryTokenKind.Field or QueryTokenKind.LParen or QueryTokenKind.Minus or QueryTokenKind.Not;

        private QueryToken Take() => tokens[_next == tokens.Count - 1 ? _next : _next++];

        private static QueryNode.Terms MakeTerms(QueryToken t)
        {
            var words = TextFold.Words(t.Text);
            if (words.Length == 0)
            {
                throw new QuerySyntaxException($"\"{t.Text}\" has no letters or digits to match.", t.Position);
            }

            var display = string.Join(' ', t.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return new QueryNode.Terms([.. words.Select(PluralStemmer.Stem)], display);
        }

        private static QueryNode MakeField(QueryToken t)
        {
            switch (t.FieldName)
            {
                case "author" or "au":
                    if (AuthorName.Parse(t.Text) is not { } name)
                    {
                        throw new QuerySyntaxException("author: needs a name, e.g. author:\"Konrad Kording\".", t.Position);
                    }

                    return new QueryNode.Author(name);
                case "cat" or "category":
                    var value = t.Text.Trim();
                    if (ArchivePattern().IsMatch(value))
                    {
                        return new QueryNode.Category(value[..^1].ToLowerInvariant(), Wildcard: true);
                    }

                    if (ArchivesWithSubjects.Contains(value))
                    {
                        throw new QuerySyntaxException($"cat:{value} alone matches no paper; write cat:{value}.* for the whole archive, or a category such as cat:{value}.XX.", t.Position);
                    }

                    if (CategoryPattern().IsMatch(value))
                    {
                        return new QueryNode.Category(value.ToLowerInvariant(), Wildcard: false);
                    }

                    throw new QuerySyntaxException($"\"{value}\" is not an arXiv category; write cat:cs.LG, or cat:cs.* for a whole archive.", t.Position);
                default:
                    throw new QuerySyntaxException($"Unknown field \"{t.FieldName}:\"; the fields are author:\"Name\" and cat:cs.LG (quote text with a colon).", t.Position);
            }
        }
    }
}
