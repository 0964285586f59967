using ResearchBot.Sources.Arxiv;

namespace ResearchBot.Sources.Tests.Arxiv;

/// <summary>Feed built from the element examples in arxiv-docs rss_specifications.md (no clean real capture exists).</summary>
public class ArxivRssParserTests
{
    private static string Item(string id, int v, string type, string categories, string title = "A title") => $"""
        <item>
          <title>{title}</title>
          <link>https://arxiv.org/abs/{id}</link>
          <description>arXiv:{id}v{v} Announce Type: {type}
        Abstract: We study things.</description>
          <guid isPermaLink="false">oai:arXiv.org:{id}v{v}</guid>
          {string.Concat(categories.Split(' ').Select(c => $"<category>{c}</category>"))}
          <pubDate>Mon, 05 Feb 2024 00:00:00 -0500</pubDate>
          <arxiv:announce_type>{type}</arxiv:announce_type>
          <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
          <dc:creator>Ada Lovelace, Alan Turing</dc:creator>
        </item>
        """;

    private static string Feed(params string[] items) => $"""
        <rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
        <channel><title>cs.AI updates on arXiv.org</title><lastBuildDate>Mon, 05 Feb 2024 00:00:00 -0500</lastBuildDate>
        {string.Concat(items)}
        </channel></rss>
        """;

    [Fact]
    public void Parse_AnnounceTypes_KeepsNewAndCrossOnly()
    {
        var page = ArxivRssParser.Parse(Feed(
            Item("2402.00001", 1, "new", "cs.AI"),
            Item("2402.00002", 1, "cross", "q-bio.NC cs.AI"),
            Item("2401.00003", 2, "replace", "cs.AI"),
            Item("2401.00004", 3, "replace-cross", "cs.LG cs.AI")));

        Assert.Equal(["2402.00001", "2402.00002"], page.Records.Select(r => r.ArxivId));
        Assert.Equal(2, page.Replacements);
        Assert.Equal(["q-bio.NC", "cs.AI"], page.Records[1].Categories);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], page.Records[0].Authors);
        Assert.Equal("We study things.", page.Records[0].Abstract);
        Assert.Equal(1, page.Records[0].ArxivVersion);
        Assert.Equal(new DateOnly(2024, 2, 5), page.Records[0].Published);
        Assert.Equal("Mon, 05 Feb 2024 00:00:00 -0500", page.LastBuildDate);
    }

    [Fact]
    public void Parse_ItemWithoutUsableId_IsSkippedOthersKept()
    {
        var page = ArxivRssParser.Parse(Feed(
            Item("2402.00001", 1, "new", "cs.AI"),
            Item("garbage", 1, "new", "cs.AI"),
            Item("2402.00005", 1, "new", "cs.AI", title: "")));

        Assert.Single(page.Records);
        Assert.Equal(2, page.Skipped);
    }

    [Fact]
    public void Parse_TruncatedFeed_Throws() =>
        Assert.ThrowsAny<System.Xml.XmlException>(() => ArxivRssParser.Parse(Feed(Item("2402.00001", 1, "new", "cs.AI"))[..300]));
}
