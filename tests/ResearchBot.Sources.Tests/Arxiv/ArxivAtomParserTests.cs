using System.Xml;
using ResearchBot.Sources.Arxiv;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Arxiv;

public class ArxivAtomParserTests
{
    [Fact]
    public void Parse_OldFormatWithEmptyEntries_SkipsThemAndKeepsThePaper()
    {
        var feed = ArxivAtomParser.Parse(Fixture.Text("arxiv_api_idlist_missing_ids_OLDFORMAT_2025-08.xml"));

        var paper = Assert.Single(feed.Papers);
        Assert.Equal("2201.13452", paper.ArxivId);
        Assert.Equal(1, paper.ArxivVersion);
        Assert.Equal(3, feed.Skipped);
        Assert.Equal(4, feed.TotalResults);
        Assert.Empty(feed.Errors);
    }

    [Fact]
    public void Parse_NewFormat_ReadsTheSamePaperAsTheOldFormat()
    {
        var oldPaper = ArxivAtomParser.Parse(Fixture.Text("arxiv_api_idlist_missing_ids_OLDFORMAT_2025-08.xml")).Papers[0];
        var feed = ArxivAtomParser.Parse(Fixture.Text("arxiv_api_idlist_missing_ids_NEWFORMAT_2025-11.xml"));

        var paper = Assert.Single(feed.Papers);
        Assert.Equal(1, feed.TotalResults);
        Assert.Equal(oldPaper.ArxivId, paper.ArxivId);
        Assert.Equal(oldPaper.Title, paper.Title);
        Assert.Equal(["Hong-Ming Yin", "Jun Zou"], paper.Authors);
        Assert.Equal("math.AP", paper.Categories[0]);
        Assert.Equal(new DateOnly(2022, 1, 31), paper.Published);
        Assert.Equal("arxiv", paper.Source);
    }

    [Fact]
    public void Parse_ErrorEntry_IsReportedNotParsedAsAPaper()
    {
        var (status, body) = Fixture.Recorded("arxiv_api_error400_bad_id.recorded.json");

        var feed = ArxivAtomParser.Parse(body);

        Assert.Equal(400, status);
        Assert.Empty(feed.Papers);
        Assert.Equal("incorrect id format for abc", Assert.Single(feed.Errors));
    }

    [Fact]
    public void Parse_OldSchemeId_KeepsArchiveAndVersion()
    {
        var (_, body) = Fixture.Recorded("arxiv_api_oldstyle_id_astro-ph_0601001.recorded.json");

        var paper = Assert.Single(ArxivAtomParser.Parse(body).Papers);

        Assert.Equal("astro-ph/0601001", paper.ArxivId);
        Assert.Equal(1, paper.ArxivVersion);
        Assert.Equal("astro-ph", paper.Categories[0]);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Parse_TruncatedDownload_ThrowsXmlException(double keep)
    {
        var xml = Fixture.Text("arxiv_api_idlist_missing_ids_NEWFORMAT_2025-11.xml");

        Assert.ThrowsAny<XmlException>(() => ArxivAtomParser.Parse(xml[..(int)(xml.Length * keep)]));
    }

    [Fact]
    public void Parse_NotAFeed_ThrowsXmlException()
    {
        Assert.ThrowsAny<XmlException>(() => ArxivAtomParser.Parse("<html><body>Service Unavailable</body></html>"));
    }

    [Fact]
    public void Parse_CrossListedEntry_PutsPrimaryFirstAndKeepsEveryCategory()
    {
        var xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
              <entry>
                <id>http://arxiv.org/abs/2401.01234v3</id><title>Cross  listed</title>
                <category term="cs.LG"/><category term="q-bio.NC"/><category term="stat.ML"/>
                <arxiv:primary_category term="q-bio.NC"/>
                <author><name>A. Person</name></author>
              </entry>
            </feed>
            """;

        var paper = Assert.Single(ArxivAtomParser.Parse(xml).Papers);

        Assert.Equal(["q-bio.NC", "cs.LG", "stat.ML"], paper.Categories);
        Assert.Equal(3, paper.ArxivVersion);
        Assert.Equal("Cross listed", paper.Title);
    }
}
