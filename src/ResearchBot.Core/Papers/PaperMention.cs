using System.Text.RegularExpressions;

namespace ResearchBot.Core.Papers;

/// <summary>
/// A paper named somewhere in free text (a chat message, an embed, a link preview): the reference, and the text to
/// hand <c>/similar</c> for it (a versionless arXiv id or a DOI).
/// </summary>
public sealed partial record PaperMention(PaperReference Reference, string Query)
{
    /// <summary>Texts longer than this are read only up to it: a reference is near the top, or is not meant.</summary>
    public const int MaxScannedLength = 8000;

    /// <summary>The first paper reference in the first text that has one; null when none does.</summary>
    public static PaperMention? FindFirst(IEnumerable<string?> texts)
    {
        foreach (var text in texts)
        {
            if (Find(text) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// The first reference in <paramref name="text"/>, in every form <c>/similar</c> accepts: arXiv ids (new and old
    /// scheme, with a version, after <c>arXiv:</c>), arXiv abs/pdf/html links, DOIs (bare, <c>doi:</c>, doi.org),
    /// Hugging Face, alphaXiv and Semantic Scholar arXiv links, and DOIs inside OpenAlex links. Links may be bare,
    /// in angle brackets (Discord's no-preview form), Slack's <c>&lt;url|label&gt;</c>, or Markdown's
    /// <c>[label](url)</c>; sentence punctuation and brackets around them are ignored. A link to another site, or a
    /// malformed one, is passed over (an id inside it is not read), and the search goes on.
    /// </summary>
    public static PaperMention? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Length > MaxScannedLength ? text[..MaxScannedLength] : text;
        // Markdown [label](url): the link first (what was pointed at), then the label. Slack <url|label>, <url>.
        s = MarkdownLink().Replace(s, m => $" {m.Groups["url"].Value} {m.Groups["label"].Value} ");
        s = AngleLink().Replace(s, m => $" {m.Groups["url"].Value} {m.Groups["label"].Value} ");

        foreach (var raw in Separators().Split(s))
        {
            var token = Clean(raw);
            if (token.Length >= 9 && Read(token) is { } mention)
            {
                return mention;
            }
        }

        return null;
    }

    private static PaperMention? Read(string token)
    {
        var isLink = token.Contains("://", StringComparison.Ordinal) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || KnownHostLink().IsMatch(token);
        if (isLink)
        {
            var parsed = PaperReference.Parse(token);
            if (parsed is PaperReference.Unsupported && OpenAlexLink().Match(token) is { Success: true } openAlex)
            {
                parsed = PaperReference.Parse("doi:" + openAlex.Groups["doi"].Value);
            }

            return Of(parsed);
        }

        if (token.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase) || token.StartsWith("doi:", StringComparison.OrdinalIgnoreCase)
            || char.IsAsciiDigit(token[0]) || OldArxivShape().IsMatch(token))
        {
            return Of(PaperReference.Parse(token));
        }

        return null;
    }

    private static PaperMention? Of(PaperReference reference) => reference switch
    {
        PaperReference.Arxiv a => new PaperMention(a, a.Id.Id),
        PaperReference.Doi d => new PaperMention(d, d.Value),
        _ => null,
    };

    /// <summary>Strips what surrounds a reference in prose: quotes, brackets, emphasis, trailing punctuation.</summary>
    private static string Clean(string token)
    {
        var t = token.AsSpan().TrimStart("([{'\"*_~“‘«");
        while (t.Length > 0)
        {
            var last = t[^1];
            if (".,;:!?'\"*_~”’»…".Contains(last, StringComparison.Ordinal))
            {
                t = t[..^1];
            }
            else if (last is ')' or ']' or '}' && Unbalanced(t, last))
            {
                t = t[..^1];
            }
            else
            {
                break;
            }
        }

        return t.ToString();
    }

    /// <summary>True when <paramref name="t"/> closes <paramref name="close"/> more often than it opens it: DOIs may hold "(20)".</summary>
    private static bool Unbalanced(ReadOnlySpan<char> t, char close)
    {
        var open = close switch { ')' => '(', ']' => '[', _ => '{' };
        var depth = 0;
        foreach (var c in t)
        {
            depth += c == open ? 1 : c == close ? -1 : 0;
        }

        return depth < 0;
    }

    [GeneratedRegex(@"\[(?<label>[^\]\n]{0,300})\]\((?<url>https?://[^)\s]+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<(?<url>https?://[^|>\s]+)(?:\|(?<label>[^>\n]{0,300}))?>", RegexOptions.IgnoreCase)]
    private static partial Regex AngleLink();

    [GeneratedRegex(@"[\s<>`|]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:[a-z0-9-]+\.)*(?:arxiv\.org|doi\.org|huggingface\.co|alphaxiv\.org|semanticscholar\.org|openalex\.org)/", RegexOptions.IgnoreCase)]
    private static partial Regex KnownHostLink();

    [GeneratedRegex(@"^[a-z][a-z\-]+(?:\.[A-Za-z]{2})?/\d{7}(?:v\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex OldArxivShape();

    [GeneratedRegex(@"openalex\.org/(?:works/)?(?:https?://(?:dx\.)?doi\.org/|doi:)(?<doi>10\.\d{4,9}/\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OpenAlexLink();
}
