using System.Globalization;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Arxiv;
using ResearchBot.Sources.Running;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Arxiv;

public class ArxivOaiTests
{
    private static readonly string Recorded = Fixture.Text("arxiv_oai_metadataPrefix-arXiv_multi_record.xml");

    private static string Page(string? token) => Recorded
        .Replace("<GetRecord>", "<ListRecords>", StringComparison.Ordinal)
        .Replace("</GetRecord>", (token is null ? "<resumptionToken/>" : $"<resumptionToken cursor=\"0\">{token}</resumptionToken>") + "</ListRecords>", StringComparison.Ordinal);

    private const string LastPage = """
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-23T10:00:00Z</responseDate>
        <ListRecords>
          <record><header><identifier>oai:arXiv.org:2411.00001</identifier><datestamp>2026-11-22</datestamp></header>
            <metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2411.00001</id><created>2024-11-01</created><updated>2026-11-20</updated>
              <authors><author><keyname>Bal\'azs</keyname><forenames>Csaba</forenames></author></authors>
              <title>A later   paper</title><categories>cs.AI cs.LG</categories><abstract>Text.</abstract></arXiv></metadata></record>
          <record><header status="deleted"><identifier>oai:arXiv.org:2411.00002</identifier></header></record>
          <record><header><identifier>oai:arXiv.org:bad</identifier></header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>not-an-id</id><title>x</title></arXiv></metadata></record>
          <resumptionToken/>
        </ListRecords></OAI-PMH>
        """;

    [Fact]
    public void Parse_RecordedMultiRecord_ReadsEveryRecordPrimaryFirst()
    {
        var page = ArxivOaiParser.Parse(Recorded);

        Assert.Equal(12, page.Records.Count);
        Assert.Equal(0, page.Skipped);
        var first = page.Records[0];
        Assert.Equal("1601.03238", first.ArxivId);
        Assert.Equal(["quant-ph", "gr-qc", "hep-th"], first.Categories);
        Assert.Equal("Planck Collaboration", first.Authors[0]);
        Assert.Equal("Jieci Wang", first.Authors[1]);
        Assert.Equal("10.1103/PhysRevD.93.016005", first.Doi);
        Assert.All(page.Records, r => Assert.DoesNotContain(r.Authors, a => !a.Any(char.IsLetter)));
    }

    [Theory]
    [InlineData("cs.AI", "cs:cs:AI")]
    [InlineData("hep-th", "physics:hep-th")]
    [InlineData("astro-ph.CO", "physics:astro-ph:CO")]
    [InlineData("math.QA", "math:math:QA")]
    [InlineData("physics:hep-th", "physics:hep-th")]
    public void ToSet_Category_MapsToOaiSet(string category, string set) =>
        Assert.Equal(set, ArxivOaiHarvester.ToSet(category));

    [Fact]
    public async Task Harvest_FailureMidway_KeepsGoodPagesAndResumesFromTheStoredToken()
    {
        var failSecondPage = true;
        await using var server = new LoopbackServer(target =>
            target.Contains("resumptionToken=tok1", StringComparison.Ordinal)
                ? failSecondPage ? new Canned(503, "busy") : Canned.Ok(LastPage)
                : Canned.Ok(Page("tok1")));
        using var host = new TestHost(new Dictionary<string, string?>
        {
            ["Sources:Arxiv:Enabled"] = "true",
            ["Sources:Arxiv:Harvest"] = "oai",
            ["Sources:Arxiv:Categories:0"] = "cs.AI",
            ["Sources:Arxiv:OaiBaseUrl"] = server.BaseUrl + "/oai",
            ["Sources:Http:MaxAttempts"] = "2",
        }, new InstantTimeProvider());
        var runner = host.Get<SourceRunner>();
        var source = host.Get<ArxivSource>();
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<PaperSourceUnavailableException>(() => runner.RunOnceAsync(source, ct));
        Assert.Equal(12, await host.Get<IPaperIndex>().CountAsync(ct));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains($"from={today.AddDays(-3):yyyy-MM-dd}", server.Requests.First(), StringComparison.Ordinal);
        Assert.Contains("set=cs%3Acs%3AAI", server.Requests.First(), StringComparison.Ordinal);

        failSecondPage = false;
        server.Requests.Clear();
        var result = await runner.RunOnceAsync(source, ct);

        Assert.Contains("resumptionToken=tok1", Assert.Single(server.Requests), StringComparison.Ordinal);
        Assert.Equal(1, result.Added);
        Assert.Equal(1, result.Skipped); // the bad id; a deleted record is not a bad one
        var paper = await host.Get<IPaperIndex>().GetAsync("2411.00001", ct);
        Assert.Equal("Csaba Balázs", paper!.Authors[0]);
        Assert.Equal(["cs.AI", "cs.LG"], paper.Categories);

        server.Requests.Clear();
        await runner.RunOnceAsync(source, ct);
        Assert.Contains($"from={today:yyyy-MM-dd}", server.Requests.First(), StringComparison.Ordinal);
        var cursor = await host.Get<ISourceCursorStore>().GetAsync("arxiv", ct);
        Assert.Contains(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cursor!.Cursor, StringComparison.Ordinal);
    }
}
