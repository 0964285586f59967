using System.Collections.Immutable;
using System.Xml.Linq;
using ResearchBot.Core.Papers;
using static ResearchBot.Sources.Arxiv.ArxivXml;

namespace ResearchBot.Sources.Arxiv;

/// <summary>
/// Reads an arXiv announcement RSS feed (<c>rss.arxiv.org/rss/…</c>, format of January 2024). Only <c>new</c> and
/// <c>cross</c> items become records: a replacement is a new version of a paper already announced, and must not
/// reach alerts as if it were new. The versionless id is the identity; the versioned guid is only read for the version.
/// </summary>
public static class ArxivRssParser
{
    /// <exception cref="System.Xml.XmlException">Malformed or cut-off XML, or not an RSS document.</exception>
    public static RssPage Parse(string xml)
    {
        var root = Load(xml).Root;
        var channel = root is not null && root.Name.LocalName == "rss" ? FirstLocal(root, "channel") : null;
        if (channel is null)
        {
            throw new System.Xml.XmlException($"expected an RSS channel, got <{root?.Name.LocalName}>");
        }

        var records = new List<PaperRecord>();
        int skipped = 0, replacements = 0;
        foreach (var item in Local(channel, "item"))
        {
            var type = Text(item.Element(ArxivAtom + "announce_type"))?.ToLowerInvariant();
            if (type is "replace" or "replace-cross")
            {
                replacements++;
                continue;
            }

            if (ParseItem(item) is { } paper)
            {
                records.Add(paper);
            }
            else
            {
                skipped++;
            }
        }

        return new RssPage(records, skipped, replacements, Text(FirstLocal(channel, "lastBuildDate")));
    }

    private static PaperRecord? ParseItem(XElement item)
    {
        var guid = Text(FirstLocal(item, "guid")) ?? "";
        var link = Text(FirstLocal(item, "link")) ?? "";
        var idText = guid.StartsWith("oai:arXiv.org:", StringComparison.OrdinalIgnoreCase) ? guid[14..]
            : link.Contains("/abs/", StringComparison.Ordinal) ? link[(link.IndexOf("/abs/", StringComparison.Ordinal) + 5)..]
            : guid;
        var title = Text(FirstLocal(item, "title"));
        if (!ArxivId.TryParse(idText, out var id) || title is null)
        {
            return null;
        }

        var description = Text(FirstLocal(item, "description"));
        var abstractAt = description?.IndexOf("Abstract:", StringComparison.Ordinal) ?? -1;
        var creators = Text(item.Element(Dc + "creator"));
        var published = DateTimeOffset.TryParse(Text(FirstLocal(item, "pubDate")), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var p)
            ? DateOnly.FromDateTime(p.Date)
            : (DateOnly?)null;
        return new PaperRecord
        {
            Title = title,
            Abstract = abstractAt >= 0 ? description![(abstractAt + 9)..].Trim() : description,
            Authors = creators is null ? [] : [.. creators.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(a => a.Length > 0 && a != "rss-help@arxiv.org")],
            Published = id.Version is null or 1 ? published : null,
            Categories = Categories(null, Local(item, "category").Select(Text)),
            Venue = Text(item.Element(ArxivAtom + "journal_reference")),
            ArxivId = id.Id,
            ArxivVersion = id.Version,
            Doi = Text(item.Element(ArxivAtom + "DOI")),
            Url = id.AbsUrl,
            Source = ArxivAtomParser.SourceName,
        };
    }
}
