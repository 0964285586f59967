using ResearchBot.Core.Cli;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Running;

public class IngestVerbTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(TestHost host, params string[] args)
    {
        var verb = host.Get<IEnumerable<ICliVerb>>().Single(v => v.Name == "ingest");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await verb.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("arxiv")]
    [InlineData("arxiv huggingface --once")]
    [InlineData("--once --forever")]
    public async Task Run_WithoutOnceOrTooManyNames_IsAUsageError(string line)
    {
        using var host = new TestHost();

        var (code, _, err) = await RunAsync(host, line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, code);
        Assert.Contains("usage: researchbot ingest", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingEnabled_SaysHowToEnable()
    {
        using var host = new TestHost();

        var (code, _, err) = await RunAsync(host, "--once");

        Assert.Equal(2, code);
        Assert.Contains("Sources:<Name>:Enabled", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownSource_ListsKnownOnes()
    {
        using var host = new TestHost();

        var (code, _, err) = await RunAsync(host, "semanticscholar", "--once");

        Assert.Equal(2, code);
        Assert.Contains("arxiv, huggingface", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EnabledSource_RunsOnePassAndPrintsCounts()
    {
        await using var server = new LoopbackServer(_ => Canned.Ok(Fixture.Text("hf_daily_papers_2024-10-25_first2items.json"), "application/json"));
        using var host = new TestHost(new Dictionary<string, string?>
        {
            ["Sources:HuggingFace:Enabled"] = "true",
            ["Sources:HuggingFace:BaseUrl"] = server.BaseUrl,
        }, new InstantTimeProvider());

        var (code, output, _) = await RunAsync(host, "huggingface", "--once");

        Assert.Equal(0, code);
        Assert.Contains("huggingface: 4 records, 2 new, 2 merged", output, StringComparison.Ordinal);
        Assert.Equal(2, await host.Get<IPaperIndex>().CountAsync(TestContext.Current.CancellationToken));
    }
}
