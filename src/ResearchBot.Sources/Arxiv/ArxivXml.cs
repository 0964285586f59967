using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ResearchBot.Sources.Arxiv;

/// <summary>Safe XML loading and small helpers shared by the arXiv parsers (namespaces bound by URI).</summary>
internal static class ArxivXml
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace ArxivAtom = "http://arxiv.org/schemas/atom";
    public static readonly XNamespace OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";
    public static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 200_000_000,
        IgnoreComments = true,
    };

    /// <exception cref="XmlException">Malformed or truncated XML.</exception>
    public static XDocument Load(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        return XDocument.Load(reader);
    }

    /// <summary>Trimmed text with runs of whitespace collapsed, or null when empty.</summary>
    public static string? Text(XElement? e)
    {
        if (e is null)
        {
            return null;
        }

        var s = string.Join(' ', e.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return s.Length == 0 ? null : s;
    }

    /// <summary>Children by local name whatever their namespace (old arXiv OAI records inherit the OAI default namespace).</summary>
    public static IEnumerable<XElement> Local(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    public static XElement? FirstLocal(XElement parent, string name) => Local(parent, name).FirstOrDefault();

    public static DateOnly? Date(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
        {
            return DateOnly.FromDateTime(dto.UtcDateTime);
        }

        return DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    /// <summary>Primary first, then the others in order, without blanks or repeats.</summary>
    public static System.Collections.Immutable.ImmutableArray<string> Categories(string? primary, IEnumerable<string?> all) =>
        [.. new[] { primary }.Concat(all)
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
