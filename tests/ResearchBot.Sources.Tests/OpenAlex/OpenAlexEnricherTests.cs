using System.Text.Json.Nodes;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.OpenAlex;

public class OpenAlexEnricherTests
{
    private const string RealId = "A5023888391";
    private const string NamesakeId = "A9999999999";

    /// <summary>The recorded author, and a namesake listed first with bigger figures (the "first hit" trap).</summary>
    private static string AuthorsPage()
    {
        var real = JsonNode.Parse(Fixture.Text("openalex_author_A5023888391.json"))!.AsObject();
        var years = real["counts_by_year"]!.AsArray();
        years.Remove(years.Single(y => (int)y!["year"]! == 2019)); // OpenAlex omits empty years
        var namesake = JsonNode.Parse(real.ToJsonString())!.AsObject();
        namesake["id"] = $"https://openalex.org/{NamesakeId}";
        namesake["summary_stats"]!["h_index"] = 99;
        return new JsonObject { ["meta"] = new JsonObject { ["count"] = 2 }, ["results"] = new JsonArray(namesake, real) }.ToJsonString();
    }

    private static string Works(bool real) => real
        ? new JsonObject { ["results"] = new JsonArray(JsonNode.Parse(Fixture.Text("openalex_work_W2741809807.json"))) }.ToJsonString()
        : """{"results":[{"title":"Catalytic converters in cold climates","doi":"https://doi.org/10.1/xyz","cited_by_count":5,"authorships":[{"author":{"display_name":"Someone Else"}}]}]}""";

    private static Canned Serve(string target, bool realOverlaps = true) =>
        target.StartsWith("/authors", StringComparison.Ordinal) ? Canned.Ok(AuthorsPage(), "application/json")
        : target.Contains(RealId, StringComparison.Ordinal) ? Canned.Ok(Works(realOverlaps), "application/json")
        : Canned.Ok(Works(false), "application/json");

    private static TestHost Host(LoopbackServer server) => new(new Dictionary<string, string?>
    {
        ["Sources:OpenAlex:Enabled"] = "true",
        ["Sources:OpenAlex:BaseUrl"] = server.BaseUrl,
        ["Sources:OpenAlex:Mailto"] = "ops@example.org",
    }, new InstantTimeProvider());

    private static async Task<AuthorProfile> PriemAsync(TestHost host, CancellationToken ct)
    {
        await host.Get<IPaperIngestor>().IngestAsync(
        [
            new PaperRecord { Title = "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles", Authors = ["Heather Piwowar", "Jason Priem", "Vincent Larivière"], Doi = "10.7717/peerj.4375", Source = "seed" },
            new PaperRecord { Title = "Altmetrics: a manifesto", Authors = ["Jason Priem", "Dario Taraborelli"], Source = "seed" },
        ], ct);
        var directory = host.Get<IAuthorDirectory>();
        var candidate = Assert.Single(await directory.FindAsync("Jason Priem", 5, ct));
        return (await directory.GetProfileAsync(candidate.Id, ct))!;
    }

    [Fact]
    public async Task Enrich_Namesakes_PicksTheOneWhoseWorksOverlapTheIndexNotTheFirstHit()
    {
        await using var server = new LoopbackServer(t => Serve(t));
        using var host = Host(server);
        var ct = TestContext.Current.CancellationToken;
        var profile = await PriemAsync(host, ct);

        var enriched = await host.Get<IAuthorProfileEnricher>().EnrichAsync(profile, ct);

        var m = Assert.Single(enriched.Metrics, x => x.Source == "OpenAlex");
        Assert.Equal($"https://openalex.org/{RealId}", m.SourceUrl);
        Assert.Equal(17, m.HIndex);
        Assert.Equal(20, m.I10Index);
        Assert.Equal("OurResearch", m.Institution);
        Assert.Contains(m.CountsByYear, y => y is { Year: 2019, Works: 0, Citations: 0 });
        Assert.Equal(m.CountsByYear.Length, m.CountsByYear[^1].Year - m.CountsByYear[0].Year + 1);
        Assert.All(server.Requests, r => Assert.Contains("mailto=ops%40example.org", r, StringComparison.Ordinal));
        var paper = await host.Get<IPaperIndex>().GetAsync("10.7717/peerj.4375", ct);
        Assert.Equal(962, paper!.Citations);
        var stored = await host.Get<IAuthorDirectory>().GetProfileAsync(profile.Id, ct);
        Assert.Contains(stored!.Metrics, x => x.Source == "OpenAlex" && x.HIndex == 17);
    }

    [Fact]
    public async Task Enrich_SecondTimeWithinTtl_UsesTheCache()
    {
        await using var server = new LoopbackServer(t => Serve(t));
        using var host = Host(server);
        var ct = TestContext.Current.CancellationToken;
        var profile = await PriemAsync(host, ct);
        var enricher = host.Get<IAuthorProfileEnricher>();
        await enricher.EnrichAsync(profile, ct);
        var requests = server.Requests.Count;

        var again = await enricher.EnrichAsync(profile, ct);

        Assert.Equal(requests, server.Requests.Count);
        Assert.Equal(17, again.Metrics.Single(x => x.Source == "OpenAlex").HIndex);
    }

    [Fact]
    public async Task Enrich_NoCandidateOverlaps_AddsNothing()
    {
        await using var server = new LoopbackServer(t => Serve(t, realOverlaps: false));
        using var host = Host(server);
        var ct = TestContext.Current.CancellationToken;
        var profile = await PriemAsync(host, ct);

        var enriched = await host.Get<IAuthorProfileEnricher>().EnrichAsync(profile, ct);

        Assert.DoesNotContain(enriched.Metrics, x => x.Source == "OpenAlex");
    }

    [Theory]
    [InlineData("{\"results\":[{\"id\":")]
    [InlineData("<html>oops</html>")]
    public async Task Enrich_MalformedAnswer_ReturnsTheProfileUnchanged(string body)
    {
        await using var server = new LoopbackServer(_ => Canned.Ok(body, "application/json"));
        using var host = Host(server);
        var ct = TestContext.Current.CancellationToken;
        var profile = await PriemAsync(host, ct);

        var enriched = await host.Get<IAuthorProfileEnricher>().EnrichAsync(profile, ct);

        Assert.Same(profile, enriched);
    }

    [Fact]
    public async Task Enrich_ServerDown_ReturnsTheProfileUnchanged()
    {
        await using var server = new LoopbackServer(_ => new Canned(503, "down"));
        using var host = Host(server);
        var ct = TestContext.Current.CancellationToken;
        var profile = await PriemAsync(host, ct);

        var enriched = await host.Get<IAuthorProfileEnricher>().EnrichAsync(profile, ct);

        Assert.Same(profile, enriched);
    }
}
