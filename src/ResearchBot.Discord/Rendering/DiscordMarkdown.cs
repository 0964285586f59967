using System.Text;

namespace ResearchBot.Discord.Rendering;

/// <summary>
/// Turns Core's plain text into inert Discord markdown: formatting characters are escaped, <c>@everyone</c> and
/// <c>@here</c> are broken with a zero-width space, and only <c>`code`</c> spans (Core's one convention) survive.
/// </summary>
public static class DiscordMarkdown
{
    private const string Ellipsis = "…";
    private const string EscapedEverywhere = "\\*_~|[]<";
    private const string EscapedAtLineStart = "#-+>";

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var atLineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '`')
            {
                var close = text.IndexOf('`', i + 1);
                var newline = text.IndexOf('\n', i + 1);
                if (close > i + 1 && (newline < 0 || close < newline))
                {
                    sb.Append(text, i, close - i + 1);
                    i = close;
                    atLineStart = false;
                    continue;
                }

                sb.Append("\\`");
                atLineStart = false;
                continue;
            }

            if (c == '@' && (Follows(text, i + 1, "everyone") || Follows(text, i + 1, "here")))
            {
                sb.Append("@\u200B");
                atLineStart = false;
                continue;
            }

            if (EscapedEverywhere.Contains(c) || (atLineStart && EscapedAtLineStart.Contains(c)))
            {
                sb.Append('\\');
            }

            sb.Append(c);
            atLineStart = c == '\n' || (atLineStart && c == ' ');
        }

        return sb.ToString();
    }

    /// <summary>A masked link <c>[text](url)</c>; the text is escaped, the URL must be http(s) or the text stands alone.</summary>
    public static string Link(string text, string? url)
    {
        var shown = Escape(text);
        if (!IsWebUrl(url))
        {
            return shown;
        }

        var safeUrl = url!.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal);
        return $"[{shown}]({safeUrl})";
    }

    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && url!.Length <= 2048;

    /// <summary>Cuts to at most <paramref name="max"/> characters, preferring a word or line boundary, ending in "…".</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var limit = max - Ellipsis.Length;
        var cut = text.LastIndexOfAny([' ', '\n'], limit, Math.Min(limit, 80));
        cut = cut > limit / 2 ? cut : limit;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var head = text[..cut].TrimEnd();
        if (head.EndsWith('\\'))
        {
            head = head[..^1];
        }

        return head + Ellipsis;
    }

    private static bool Follows(string text, int index, string word) =>
        string.CompareOrdinal(text, index, word, 0, word.Length) == 0;
}
