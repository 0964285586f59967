using ResearchBot.Core.Papers;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Arxiv;

public class ArxivApiClientTests
{
    private static readonly string NewFormat = Fixture.Text("arxiv_api_idlist_missing_ids_NEWFORMAT_2025-11.xml");

    private static TestHost Host(LoopbackServer server, InstantTimeProvider time, int attempts = 3) => new(new Dictionary<string, string?>
    {
        ["Sources:Arxiv:Enabled"] = "true",
        ["Sources:Arxiv:Categories:0"] = "cs.AI",
        ["Sources:Arxiv:ApiBaseUrl"] = server.BaseUrl + "/api/query",
        ["Sources:Http:MaxAttempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sources:Http:Timeout"] = "00:00:01",
    }, time);

    private static ArxivId Id(string s) => ArxivId.TryParse(s, out var id) ? id : throw new ArgumentException(s);

    [Fact]
    public async Task Lookup_KnownId_ReturnsTheRecordAndSendsIdList()
    {
        await using var server = new LoopbackServer(_ => Canned.Ok(NewFormat));
        using var host = Host(server, new InstantTimeProvider());

        var paper = await host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13452"), TestContext.Current.CancellationToken);

        Assert.NotNull(paper);
        Assert.Equal("2201.13452", paper.ArxivId);
        Assert.Contains("id_list=2201.13452", Assert.Single(server.Requests), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arxiv_api_idlist_missing_ids_OLDFORMAT_2025-08.xml")]
    [InlineData("arxiv_api_idlist_missing_ids_NEWFORMAT_2025-11.xml")]
    public async Task Lookup_MissingId_ReturnsNullInEitherFormat(string fixture)
    {
        await using var server = new LoopbackServer(_ => Canned.Ok(Fixture.Text(fixture)));
        using var host = Host(server, new InstantTimeProvider());

        var paper = await host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13455"), TestContext.Current.CancellationToken);

        Assert.Null(paper);
    }

    [Fact]
    public async Task Lookup_ErrorEntryWith400_ReturnsNull()
    {
        var (status, body) = Fixture.Recorded("arxiv_api_error400_bad_id.recorded.json");
        await using var server = new LoopbackServer(_ => new Canned(status, body));
        using var host = Host(server, new InstantTimeProvider());

        var paper = await host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13452"), TestContext.Current.CancellationToken);

        Assert.Null(paper);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Lookup_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var calls = 0;
        await using var server = new LoopbackServer(_ => Interlocked.Increment(ref calls) == 1
            ? new Canned(429, "slow down") { Headers = [("Retry-After", "7")] }
            : Canned.Ok(NewFormat));
        var time = new InstantTimeProvider();
        using var host = Host(server, time);

        var paper = await host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13452"), TestContext.Current.CancellationToken);

        Assert.NotNull(paper);
        Assert.Equal(2, calls);
        Assert.Contains(TimeSpan.FromSeconds(7), time.Delays);
    }

    [Fact]
    public async Task Lookup_5xxThenTruncatedThenGood_RetriesWithBackoff()
    {
        var calls = 0;
        await using var server = new LoopbackServer(_ => Interlocked.Increment(ref calls) switch
        {
            1 => new Canned(503, "down"),
            2 => Canned.Ok(NewFormat) with { CutAfter = 300 },
            _ => Canned.Ok(NewFormat),
        });
        var time = new InstantTimeProvider();
        using var host = Host(server, time, attempts: 4);

        var paper = await host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13452"), TestContext.Current.CancellationToken);

        Assert.NotNull(paper);
        Assert.Equal(3, calls);
        Assert.Contains(TimeSpan.FromMilliseconds(10), time.Delays);
        Assert.Contains(TimeSpan.FromMilliseconds(20), time.Delays);
    }

    [Fact]
    public async Task Lookup_Always500_ThrowsSafeSourceUnavailable()
    {
        await using var server = new LoopbackServer(_ => new Canned(500, "<html>stack trace here</html>"));
        using var host = Host(server, new InstantTimeProvider());

        var ex = await Assert.ThrowsAsync<PaperSourceUnavailableException>(() => host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13452"), TestContext.Current.CancellationToken));

        Assert.Equal(3, server.Requests.Count);
        Assert.DoesNotContain("stack", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_ServerHangs_TimesOutAndReportsUnavailable()
    {
        await using var server = new LoopbackServer(_ => new Canned(200, "") { Hang = true });
        using var host = Host(server, new InstantTimeProvider(), attempts: 2);

        var ex = await Assert.ThrowsAsync<PaperSourceUnavailableException>(() => host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13452"), TestContext.Current.CancellationToken));

        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Lookup_MalformedXmlWith200_ThrowsSourceUnavailable()
    {
        await using var server = new LoopbackServer(_ => Canned.Ok("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>"));
        using var host = Host(server, new InstantTimeProvider());

        await Assert.ThrowsAsync<PaperSourceUnavailableException>(() => host.Get<IRemotePaperLookup>().LookupArxivAsync(Id("2201.13452"), TestContext.Current.CancellationToken));
    }
}
