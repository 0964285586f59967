namespace ResearchBot.Core.Alerts;

/// <summary>The outcome of parsing an alert query: a query, or an error pointing at a character (1-based).</summary>
public sealed record QueryParseResult(AlertQuery? Query, string? Error, int? ErrorPosition)
{
    public bool Success => Query is not null;

    /// <summary>The error with the query quoted and a marker before the offending character, for replies.</summary>
    public string? ErrorWithContext(string text)
    {
        if (Error is null)
        {
            return null;
        }

        if (ErrorPosition is not { } pos || pos < 1 || pos > text.Length + 1)
        {
            return Error;
        }

        var marked = string.Concat(text.AsSpan(0, pos - 1), "▶", text.AsSpan(pos - 1));
        return $"{Error}\n    {marked}\n(the ▶ marks character {pos})";
    }
}
