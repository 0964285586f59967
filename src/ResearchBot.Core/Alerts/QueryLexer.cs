namespace ResearchBot.Core.Alerts;

internal enum QueryTokenKind
{
    Word,
    Phrase,
    Field,
    LParen,
    RParen,
    Minus,
    And,
    Or,
    Not,
    End,
}

/// <summary>A token of an alert query and its 1-based position in the text.</summary>
internal readonly record struct QueryToken(QueryTokenKind Kind, int Position, string Text = "", string FieldName = "");

/// <summary>Splits an alert query into tokens; reports the position of an unclosed quote.</summary>
internal static class QueryLexer
{
    public static (List<QueryToken> Tokens, string? Error, int ErrorPosition) Lex(string text)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '(')
            {
                tokens.Add(new(QueryTokenKind.LParen, i + 1));
                i++;
                continue;
            }

            if (c == ')')
            {
                tokens.Add(new(QueryTokenKind.RParen, i + 1));
                i++;
                continue;
            }

            if (c == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] != '-' && text[i + 1] != ')')
            {
                tokens.Add(new(QueryTokenKind.Minus, i + 1));
                i++;
                continue;
            }

            if (IsQuote(c))
            {
                var (phrase, next) = ReadQuoted(text, i);
                if (phrase is null)
                {
                    return (tokens, "This quote is never closed; add the closing \".", i + 1);
                }

                tokens.Add(new(QueryTokenKind.Phrase, i + 1, phrase));
                i = next;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')' && !IsQuote(text[i]))
            {
                i++;
            }

            var bare = text[start..i];
            var colon = bare.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = bare[..colon].ToLowerInvariant();
                var value = bare[(colon + 1)..];
                if (value.Length == 0 && i < text.Length && IsQuote(text[i]))
                {
                    var (quoted, next) = ReadQuoted(text, i);
                    if (quoted is null)
                    {
                        return (tokens, "This quote is never closed; add the closing \".", i + 1);
                    }

                    value = quoted;
                    i = next;
                }

                tokens.Add(new(QueryTokenKind.Field, start + 1, value, name));
                continue;
            }

            var kind = bare.ToUpperInvariant() switch
            {
                "AND" or "&&" => QueryTokenKind.And,
                "OR" or "||" => QueryTokenKind.Or,
                "NOT" => QueryTokenKind.Not,
                _ => QueryTokenKind.Word,
            };
            tokens.Add(new(kind, start + 1, bare));
        }

        tokens.Add(new(QueryTokenKind.End, text.Length + 1));
        return (tokens, null, 0);
    }

    private static (string? Value, int Next) ReadQuoted(string text, int open)
    {
        var close = text.IndexOfAny(['"', '“', '”'], open + 1);
        return close < 0 ? (null, text.Length) : (text[(open + 1)..close], close + 1);
    }

    private static bool IsQuote(char c) => c is '"' or '“' or '”';
}
