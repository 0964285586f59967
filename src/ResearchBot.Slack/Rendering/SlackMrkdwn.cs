using System.Text;

namespace ResearchBot.Slack.Rendering;

/// <summary>
/// mrkdwn escaping. Only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are control characters (SDOCS
/// <c>messaging/formatting-message-text</c>); with them escaped, no text can form <c>&lt;!channel&gt;</c>,
/// <c>&lt;!here&gt;</c>, <c>&lt;@U…&gt;</c> or a link.
/// </summary>
public static class SlackMrkdwn
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// A link <c>&lt;url|label&gt;</c> for http(s) URLs only; anything else renders as the escaped label. The URL is
    /// made safe for the angle-bracket syntax (no <c>|</c>, <c>&lt;</c>, <c>&gt;</c> or spaces).
    /// </summary>
    public static string Link(string? url, string label)
    {
        var shown = Escape(label.Replace('\n', ' ').Replace('|', '¦'));
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return shown;
        }

        var safe = uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal).Replace("&", "&amp;", StringComparison.Ordinal);
        return $"<{safe}|{shown}>";
    }

    /// <summary>Shortens plain text so that its escaped form fits <paramref name="max"/> characters, ending with an ellipsis.</summary>
    public static string EscapeWithin(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max)
        {
            return escaped;
        }

        var keep = Math.Min(text.Length, max - 1);
        while (keep > 0)
        {
            var candidate = Escape(TrimToRune(text, keep)) + "…";
            if (candidate.Length <= max)
            {
                return candidate;
            }

            keep -= Math.Max(1, candidate.Length - max);
        }

        return "…";
    }

    /// <summary>Plain text cut to <paramref name="max"/> characters with an ellipsis (header and fallback text).</summary>
    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : TrimToRune(text, max - 1) + "…";

    private static string TrimToRune(string text, int length)
    {
        if (length >= text.Length)
        {
            return text;
        }

        // Do not split a surrogate pair.
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }
}
