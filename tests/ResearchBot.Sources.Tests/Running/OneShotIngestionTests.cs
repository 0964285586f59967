using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Running;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Running;

public class OneShotIngestionTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(TestHost host, string? source, RecordingProgress? progress = null)
    {
        var ingestion = progress is null
            ? host.Get<OneShotIngestion>()
            : new OneShotIngestion(host.Get<IEnumerable<IPaperSource>>(), host.Get<SourceRunner>(), progress);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ingestion.RunAsync(source, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Run_NothingEnabled_SaysHowToEnable()
    {
        using var host = new TestHost();

        var (code, _, err) = await RunAsync(host, null);

        Assert.Equal(2, code);
        Assert.Contains("Sources:<Name>:Enabled", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownSource_ListsKnownOnes()
    {
        using var host = new TestHost();

        var (code, _, err) = await RunAsync(host, "semanticscholar");

        Assert.Equal(2, code);
        Assert.Contains("arxiv, huggingface", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EnabledSource_RunsOnePassPrintsCountsAndReportsProgress()
    {
        await using var server = new LoopbackServer(_ => Canned.Ok(Fixture.Text("hf_daily_papers_2024-10-25_first2items.json"), "application/json"));
        using var host = new TestHost(new Dictionary<string, string?>
        {
            ["Sources:HuggingFace:Enabled"] = "true",
            ["Sources:HuggingFace:BaseUrl"] = server.BaseUrl,
        }, new InstantTimeProvider());
        var progress = new RecordingProgress();

        var (code, output, _) = await RunAsync(host, "huggingface", progress);

        Assert.Equal(0, code);
        Assert.Contains("huggingface: 4 records, 2 new, 2 merged", output, StringComparison.Ordinal);
        Assert.Equal(2, await host.Get<IPaperIndex>().CountAsync(TestContext.Current.CancellationToken));
        var step = Assert.Single(progress.Steps);
        Assert.Equal(("ingest huggingface", "records"), (step.Title, step.Unit));
        Assert.True(step.Ended);
        Assert.Equal(4, step.Reports[^1].Count);
        Assert.Null(step.Reports[^1].Fraction); // a harvest's size is not known in advance
    }
}
