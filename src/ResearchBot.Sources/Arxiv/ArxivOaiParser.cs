using System.Collections.Immutable;
using System.Xml.Linq;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;
using static ResearchBot.Sources.Arxiv.ArxivXml;

namespace ResearchBot.Sources.Arxiv;

/// <summary>Reads an OAI-PMH <c>ListRecords</c>/<c>GetRecord</c> page in the <c>arXiv</c> metadata format.</summary>
public static class ArxivOaiParser
{
    /// <exception cref="System.Xml.XmlException">Malformed or cut-off XML, or not an OAI-PMH document.</exception>
    public static OaiPage Parse(string xml)
    {
        var root = Load(xml).Root;
        if (root is null || root.Name.LocalName != "OAI-PMH")
        {
            throw new System.Xml.XmlException($"expected an OAI-PMH document, got <{root?.Name.LocalName}>");
        }

        var error = FirstLocal(root, "error");
        var responseDate = Date(Text(FirstLocal(root, "responseDate")));
        if (error is not null)
        {
            return new OaiPage([], 0, null, responseDate, (string?)error.Attribute("code") ?? "error", Text(error));
        }

        var records = new List<PaperRecord>();
        var skipped = 0;
        string? token = null;
        foreach (var list in root.Elements().Where(e => e.Name.LocalName is "ListRecords" or "GetRecord"))
        {
            foreach (var record in Local(list, "record"))
            {
                var header = FirstLocal(record, "header");
                if (header is not null && (string?)header.Attribute("status") == "deleted")
                {
                    continue;
                }

                var meta = FirstLocal(record, "metadata") is { } m ? FirstLocal(m, "arXiv") : null;
                if (meta is not null && ParseArxiv(meta) is { } paper)
                {
                    records.Add(paper);
                }
                else
                {
                    skipped++;
                }
            }

            token = Text(FirstLocal(list, "resumptionToken")) ?? token;
        }

        return new OaiPage(records, skipped, token, responseDate, null, null);
    }

    private static PaperRecord? ParseArxiv(XElement meta)
    {
        var title = Text(FirstLocal(meta, "title"));
        if (!ArxivId.TryParse(Text(FirstLocal(meta, "id")), out var id) || title is null)
        {
            return null;
        }

        var categories = (Text(FirstLocal(meta, "categories")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var authors = FirstLocal(meta, "authors") is { } list
            ? Local(list, "author").Select(AuthorName).OfType<string>().ToImmutableArray()
            : [];
        return new PaperRecord
        {
            Title = TexAccents.Compose(title),
            Abstract = Text(FirstLocal(meta, "abstract")),
            Authors = authors,
            Published = Date(Text(FirstLocal(meta, "created"))),
            Updated = Date(Text(FirstLocal(meta, "updated"))),
            Categories = Categories(null, categories),
            Venue = Text(FirstLocal(meta, "journal-ref")),
            ArxivId = id.Id,
            Doi = Text(FirstLocal(meta, "doi"))?.Split(' ')[0],
            Url = id.AbsUrl,
            Source = ArxivAtomParser.SourceName,
        };
    }

    /// <summary>"Forenames Keyname Suffix"; odd hand-split collaboration names are kept as written.</summary>
    private static string? AuthorName(XElement author)
    {
        var parts = Local(author, "forenames").Select(Text)
            .Concat(Local(author, "keyname").Select(Text))
            .Concat(Local(author, "suffix").Select(Text))
            .OfType<string>();
        var name = string.Join(' ', parts);
        return name.Any(char.IsLetter) ? TexAccents.Compose(name) : null;
    }
}
