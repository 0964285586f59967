using System.Text.RegularExpressions;

namespace ResearchBot.Core.Papers;

/// <summary>What a user pasted to name a paper: an arXiv id, a DOI, a title, or something we cannot use.</summary>
public abstract partial record PaperReference
{
    private PaperReference()
    {
    }

    public sealed record Arxiv(ArxivId Id) : PaperReference;

    public sealed record Doi(string Value) : PaperReference;

    /// <summary>Text that is not a link or id: a title, or a description of what to look for.</summary>
    public sealed record Text(string Value) : PaperReference;

    /// <summary>A link to a site we do not read papers from, or a malformed link to one we do.</summary>
    public sealed record Unsupported(string Reason) : PaperReference;

    /// <summary>Parses without fetching anything.</summary>
    public static PaperReference Parse(string input)
    {
        var s = input.Trim().Trim('<', '>', '"', '\'', '(', ')', '[', ']');
        if (s.Length == 0)
        {
            return new Unsupported("Give a paper link, an arXiv id, a DOI or a title.");
        }

        if (ArxivId.TryParse(s, out var bare))
        {
            return new Arxiv(bare);
        }

        if (s.StartsWith("doi:", StringComparison.OrdinalIgnoreCase))
        {
            return FromDoi(s[4..].Trim());
        }

        if (DoiText.IsBare(s))
        {
            return FromDoi(s);
        }

        var looksLikeUrl = s.Contains("://", StringComparison.Ordinal) || UrlWithoutScheme().IsMatch(s);
        if (!looksLikeUrl)
        {
            return new Text(s);
        }

        if (!Uri.TryCreate(s.Contains("://", StringComparison.Ordinal) ? s : "https://" + s, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new Unsupported("That does not look like a web link I can read.");
        }

        var host = uri.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        var path = Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        return host switch
        {
            "arxiv.org" or "export.arxiv.org" or "browse.arxiv.org" => FromArxivPath(segments),
            "doi.org" or "dx.doi.org" => FromDoi(path),
            "huggingface.co" when segments is ["papers", var id, ..] => FromIdSegment(id, "Hugging Face"),
            "alphaxiv.org" when segments is ["abs" or "overview" or "pdf", var id, ..] => FromIdSegment(id, "alphaXiv"),
            "semanticscholar.org" when segments is ["arxiv", var id, ..] => FromIdSegment(id, "Semantic Scholar"),
            _ => new Unsupported($"I can't read papers from {host}. Paste an arXiv, DOI, Hugging Face or alphaXiv link, an arXiv id, or the title."),
        };
    }

    private static PaperReference FromArxivPath(string[] segments)
    {
        // abs/ID, pdf/ID[.pdf], html/IDvN[/...], and old ids with a slash: abs/hep-th/9901001
        if (segments.Length >= 2 && segments[0] is "abs" or "pdf" or "html" or "format" or "ps")
        {
            var rest = segments[1..];
            var candidate = rest.Length >= 2 && OldArchive().IsMatch(rest[0]) ? rest[0] + "/" + rest[1] : rest[0];
            candidate = StripPdf(candidate);
            if (ArxivId.TryParse(candidate, out var id))
            {
                return new Arxiv(id);
            }

            if (ArxivId.TryParse(StripPdf(rest[0]), out id))
            {
                return new Arxiv(id);
            }
        }

        return new Unsupported("That arXiv link has no valid paper id in it (expected e.g. arxiv.org/abs/2401.12345).");
    }

    private static PaperReference FromIdSegment(string segment, string site) =>
        ArxivId.TryParse(StripPdf(segment), out var id)
            ? new Arxiv(id)
            : new Unsupported($"That {site} link has no arXiv id in it.");

    private static PaperReference FromDoi(string raw)
    {
        if (DoiText.Normalize(raw) is not { } doi)
        {
            return new Unsupported("That DOI is malformed (expected 10.NNNN/…).");
        }

        // arXiv DOIs: 10.48550/arXiv.2401.12345 (the colon of arXiv:ID becomes a period).
        const string ArxivPrefix = "10.48550/arxiv.";
        if (doi.StartsWith(ArxivPrefix, StringComparison.Ordinal))
        {
            return ArxivId.TryParse(doi[ArxivPrefix.Length..], out var id)
                ? new Arxiv(id)
                : new Unsupported("That arXiv DOI has no valid arXiv id in it.");
        }

        return new Doi(doi);
    }

    private static string StripPdf(string s) =>
        s.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? s[..^4] : s;

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)*\.(org|com|net|io|ai|edu|co)(/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlWithoutScheme();

    [GeneratedRegex(@"^[a-zA-Z\-]+(\.[A-Za-z]{2})?$")]
    private static partial Regex OldArchive();
}
