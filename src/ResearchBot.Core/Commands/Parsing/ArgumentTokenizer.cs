namespace ResearchBot.Core.Commands.Parsing;

/// <summary>A word of a command line and where it stands in the raw text.</summary>
/// <param name="Value">The word with surrounding quotes removed.</param>
public readonly record struct Token(string Value, int Start, int Length, bool Quoted);

/// <summary>Splits command text into words; double quotes (straight or curly) group words.</summary>
public static class ArgumentTokenizer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            var sb = new System.Text.StringBuilder();
            var quoted = false;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                if (IsOpenQuote(text[i]))
                {
                    quoted = true;
                    var close = text.IndexOfAny(['"', '”', '“'], i + 1);
                    if (close < 0)
                    {
                        // An unclosed quote runs to the end of the line.
                        sb.Append(text.AsSpan(i + 1));
                        i = text.Length;
                        break;
                    }

                    sb.Append(text.AsSpan(i + 1, close - i - 1));
                    i = close + 1;
                    continue;
                }

                sb.Append(text[i]);
                i++;
            }

            tokens.Add(new Token(sb.ToString(), start, i - start, quoted));
        }

        return tokens;
    }

    private static bool IsOpenQuote(char c) => c is '"' or '“' or '”';
}
