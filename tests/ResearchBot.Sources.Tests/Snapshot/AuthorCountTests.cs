using ResearchBot.Core.Authors;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Snapshot;

/// <summary>Guards the bulk-write path's incremental author counts (new papers add one, merges recount).</summary>
public class AuthorCountTests
{
    [Fact]
    public async Task Ingest_NewPapersAndMergedBylines_PaperCountsMatchTheLinks()
    {
        using var host = new TestHost();
        var ingestor = host.Get<IPaperIngestor>();
        var ct = TestContext.Current.CancellationToken;
        PaperRecord P(string id, string title, params string[] authors) =>
            new() { ArxivId = id, Title = title, Authors = [.. authors], AuthorsTruncated = false, Source = "test" };

        await ingestor.IngestAsync(
        [
            P("2401.00001", "Spiking networks and their dynamics", "Ada Lovelace", "Grace Hopper"),
            P("2401.00002", "Compilers for the analytical engine", "Ada Lovelace", "Ada Lovelace"),
        ], ct);
        await ingestor.IngestAsync(
        [
            P("2401.00001", "Spiking networks and their dynamics", "Ada Lovelace", "Alan Turing", "Grace Hopper"),
            P("2401.00003", "A third paper on the engine", "Ada Lovelace"),
        ], ct);

        async Task<int> Count(string name) => (await host.Get<IAuthorDirectory>().FindAsync(name, 5, ct)).Single().PaperCount;
        Assert.Equal(3, await Count("Ada Lovelace"));
        Assert.Equal(1, await Count("Grace Hopper"));
        Assert.Equal(1, await Count("Alan Turing"));
    }
}
