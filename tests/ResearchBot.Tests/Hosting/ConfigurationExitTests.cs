namespace ResearchBot.Tests.Hosting;

/// <summary>The real executable with a bad setting: exit code 3, one stderr line per problem, no stack trace, nothing written.</summary>
public sealed class ConfigurationExitTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("ask", "/help")]
    [InlineData("migrate")]
    [InlineData("import", "papers.jsonl")]
    [InlineData("ingest", "--once")]
    [InlineData("deliver", "--once")]
    [InlineData("eval", "pairs.jsonl")]
    [InlineData("eval", "alerts", "pairs.jsonl")]
    [InlineData("embed")]
    public async Task EveryVerb_ValueThatDoesNotConvert_Exit3BeforeAnyWork(string verb, params string[] args)
    {
        using var bot = new BotProcess();
        bot.Environment["Storage__BusyTimeout"] = "banana";
        // The command line is valid (a usage error would exit 2 before the host is built): the files exist.
        Directory.CreateDirectory(bot.WorkingDirectory);
        foreach (var file in args.Where(a => a.EndsWith(".jsonl", StringComparison.Ordinal)))
        {
            await File.WriteAllTextAsync(Path.Combine(bot.WorkingDirectory, file), "", TestContext.Current.CancellationToken);
        }

        var (exit, stdout, stderr) = await bot.RunAsync(null, [verb, .. args]);

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("Storage:BusyTimeout must be a duration", line, StringComparison.Ordinal);
        Assert.Equal("", stdout.Trim());
        Assert.False(Directory.Exists(Path.GetDirectoryName(bot.DatabasePath)), "no database before the configuration is valid");
    }

    [Theory]
    [InlineData("Sources__Arxiv__Enabled", "true", "Sources:Arxiv:Categories")]
    [InlineData("Similarity__Dimensions", "-3", "Similarity:Dimensions")]
    [InlineData("Logging__LogLevel__Default", "Loud", "Logging:LogLevel:Default")]
    public async Task Ask_RuleThatFailedWhenAServiceWasFirstResolved_Exit3WithOneLine(string variable, string value, string key)
    {
        using var bot = new BotProcess();
        bot.Environment[variable] = value;

        var (exit, _, stderr) = await bot.RunAsync(null, "ask", "/help");

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.StartsWith("researchbot: invalid configuration: " + key, Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(bot.DatabasePath));
    }

    [Fact]
    public async Task Ask_SettingsFileThatIsNotJson_Exit3NamingTheFile()
    {
        using var bot = new BotProcess();
        var dir = Path.Combine(bot.WorkingDirectory, "broken-config");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), "{ \"Storage\": { \"BusyTimeout\": \"00:00:10\" ", TestContext.Current.CancellationToken);
        bot.Environment["RESEARCHBOT_CONFIG_DIR"] = dir;

        var (exit, _, stderr) = await bot.RunAsync(null, "ask", "/help");

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains("appsettings.json cannot be read as JSON settings", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.False(File.Exists(bot.DatabasePath));
    }

    [Fact]
    public async Task Run_StdinClosedAndSeveralProblems_OneLineEach()
    {
        using var bot = new BotProcess();
        bot.Environment["Alerts__MaxAttempts"] = "0";
        bot.Environment["Hosting__HeartbeatInterval"] = "00:00:01";
        bot.Environment["Sources__OpenAlex__Enabled"] = "yes";

        var (exit, _, stderr) = await bot.RunAsync(null);

        Assert.Equal(3, exit);
        var lines = stderr.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("researchbot: invalid configuration: ", l, StringComparison.Ordinal));
        Assert.False(File.Exists(bot.DatabasePath));
    }
}
