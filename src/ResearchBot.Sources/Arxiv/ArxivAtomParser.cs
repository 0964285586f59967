using System.Collections.Immutable;
using System.Xml.Linq;
using ResearchBot.Core.Papers;
using static ResearchBot.Sources.Arxiv.ArxivXml;

namespace ResearchBot.Sources.Arxiv;

/// <summary>
/// Reads arXiv API Atom in both the pre- and post-November-2025 forms: namespaces bound by URI, attributes
/// optional, empty entries (old form's missing ids) skipped, and <c>api/errors</c> entries reported as errors.
/// </summary>
public static class ArxivAtomParser
{
    public const string SourceName = "arxiv";

    /// <exception cref="System.Xml.XmlException">The text is not well-formed XML (e.g. a cut-off download).</exception>
    public static ArxivFeed Parse(string xml)
    {
        var doc = Load(xml);
        var feed = doc.Root is { } root && root.Name == Atom + "feed"
            ? root
            : throw new System.Xml.XmlException($"expected an Atom feed, got <{doc.Root?.Name.LocalName}>");
        var papers = new List<PaperRecord>();
        var errors = new List<string>();
        var skipped = 0;
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            var idText = Text(entry.Element(Atom + "id"));
            if (idText is null)
            {
                skipped++; // pre-2025 form: an empty entry stands for a requested id that does not exist
                continue;
            }

            if (idText.Contains("/api/errors", StringComparison.OrdinalIgnoreCase) || Text(entry.Element(Atom + "title")) == "Error")
            {
                errors.Add(Text(entry.Element(Atom + "summary")) ?? idText);
                continue;
            }

            if (ParseEntry(entry, idText) is { } paper)
            {
                papers.Add(paper);
            }
            else
            {
                skipped++;
            }
        }

        int? total = int.TryParse(Text(feed.Element(OpenSearch + "totalResults")), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;
        return new ArxivFeed(papers, errors, skipped, total);
    }

    private static PaperRecord? ParseEntry(XElement entry, string idText)
    {
        var absAt = idText.IndexOf("/abs/", StringComparison.Ordinal);
        var rawId = absAt >= 0 ? idText[(absAt + 5)..] : idText;
        var title = Text(entry.Element(Atom + "title"));
        if (!ArxivId.TryParse(rawId, out var id) || title is null)
        {
            return null;
        }

        var primary = (string?)entry.Element(ArxivAtom + "primary_category")?.Attribute("term");
        var categories = Categories(primary, entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("term")));
        var authors = entry.Elements(Atom + "author").Select(a => Text(a.Element(Atom + "name"))).OfType<string>().ToImmutableArray();
        return new PaperRecord
        {
            Title = title,
            Abstract = Text(entry.Element(Atom + "summary")),
            Authors = authors,
            Published = Date(Text(entry.Element(Atom + "published"))),
            Updated = Date(Text(entry.Element(Atom + "updated"))),
            Categories = categories,
            Venue = Text(entry.Element(ArxivAtom + "journal_ref")),
            ArxivId = id.Id,
            ArxivVersion = id.Version,
            Doi = Text(entry.Element(ArxivAtom + "doi")),
            Url = id.AbsUrl,
            Source = SourceName,
        };
    }
}
