namespace ResearchBot.Tests;

/// <summary>The real executable, end to end, on a temporary database with the embedded demo index.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task Ask_AuthorKording_ShowsOnePersonWithProfileMetrics()
    {
        using var bot = new BotProcess();

        var (exit, stdout, stderr) = await bot.RunAsync(null, "ask", "/author Kording");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("Konrad Kording", stdout, StringComparison.Ordinal);
        Assert.Contains("24 papers", stdout, StringComparison.Ordinal);
        Assert.Contains("h-index 6", stdout, StringComparison.Ordinal);
        Assert.Contains("502 citations", stdout, StringComparison.Ordinal);
        Assert.Contains("Profile page", stdout, StringComparison.Ordinal); // metrics name their source
        Assert.Contains("Konrad P. Kording", stdout, StringComparison.Ordinal); // the variant
        Assert.Contains("Frequent co-authors", stdout, StringComparison.Ordinal);
        Assert.Contains("Recent papers", stdout, StringComparison.Ordinal);
        Assert.Contains("Compiling to recurrent neurons", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(bot.DatabasePath));
    }

    [Fact]
    public async Task Ask_AuthorKording_WritesAnAuthorChartPng()
    {
        using var bot = new BotProcess();

        var (exit, stdout, stderr) = await bot.RunAsync(null, "ask", "/author Kording");

        // ScottPlot and Skia's native library are loaded by the real executable, from its own output folder.
        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n'), l => l.StartsWith("Chart: ", StringComparison.Ordinal));
        var png = await File.ReadAllBytesAsync(line["Chart: ".Length..].Trim(), TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task ConsoleChat_StdinCommands_AnswersEachThenExits()
    {
        using var bot = new BotProcess();

        var (exit, stdout, stderr) = await bot.RunAsync("/author Körding\n/search spiking neural networks\n/nonsense\n/help\n");

        Assert.True(exit == 0, stderr);
        Assert.Contains("24 papers", stdout, StringComparison.Ordinal);
        Assert.Contains("Papers matching \"spiking neural networks\"", stdout, StringComparison.Ordinal);
        Assert.Contains("There is no command `/nonsense`", stdout, StringComparison.Ordinal);
        Assert.Contains("/author NAME", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal); // never a stack trace
    }

    [Fact]
    public async Task Ask_Search_ReturnsRankedPapersWithLinks()
    {
        using var bot = new BotProcess();

        var (exit, stdout, _) = await bot.RunAsync(null, "ask", "/search compiling neurons");

        Assert.Equal(0, exit);
        var first = stdout.Split('\n').First(l => l.TrimStart().StartsWith("1.", StringComparison.Ordinal));
        Assert.Contains("Compiling to", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[] { "ask" }, "give a command")]
    [InlineData(new string[] { "ask", "/author" }, "needs")]
    [InlineData(new string[] { "ask", "/frobnicate" }, "no command")]
    [InlineData(new string[] { "ask", "/author Kording", "--channel" }, "'--channel'")]
    [InlineData(new string[] { "frobnicate" }, "unknown verb")]
    public async Task Ask_UsageErrors_OneLineOnStderrAndNonZeroExit(string[] args, string expected)
    {
        using var bot = new BotProcess();

        var (exit, stdout, stderr) = await bot.RunAsync(null, args);

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal("", stdout.Trim());
    }

    [Fact]
    public async Task Ask_TrendingWithoutSources_FallsBackToUpvotedPapersOfTheIndex()
    {
        using var bot = new BotProcess();
        var (exit, stdout, stderr) = await bot.RunAsync(null, "ask", "/trending week limit:3");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Trending papers this week", stdout, StringComparison.Ordinal);
        Assert.Contains("Source: this index", stdout, StringComparison.Ordinal);
        Assert.Contains("upvote", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("arxiv.org/abs/t:", stdout, StringComparison.Ordinal); // title-only papers get no fake arXiv link
    }

    [Fact]
    public async Task Ask_UnknownAuthor_SuggestsCloseSpellings()
    {
        using var bot = new BotProcess();
        var (exit, stdout, _) = await bot.RunAsync(null, "ask", "/author Kordnig");
        Assert.Equal(0, exit);
        Assert.Contains("Did you mean \"Konrad Kording\"", stdout, StringComparison.Ordinal);
    }
}
