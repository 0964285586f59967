using System.CommandLine;
using System.Reflection;
using ResearchBot.Cli;

namespace ResearchBot.Tests.Cli;

/// <summary>The executable's real parser (<see cref="ResearchBotCommandLine"/>): what each verb accepts, refuses and prints for --help.</summary>
public sealed class CommandLineTests
{
    private static ParseResult Parse(params string[] args) => ResearchBotCommandLine.Parse(ResearchBotCommandLine.Create(), args);

    private static async Task<(int Exit, string Stdout, string Stderr)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ResearchBotCommandLine.InvokeAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("ask")]
    [InlineData("import")]
    [InlineData("ingest")]
    [InlineData("deliver")]
    [InlineData("eval")]
    [InlineData("embed")]
    [InlineData("migrate")]
    [InlineData("help")]
    public void Root_ListsEveryDocumentedVerb(string verb)
    {
        Assert.Contains(ResearchBotCommandLine.Create().Subcommands, c => c.Name == verb);
    }

    [Fact]
    public void NoVerb_RunsTheBot()
    {
        var result = Parse();

        Assert.Empty(result.Errors);
        Assert.IsType<RootCommand>(result.CommandResult.Command);
        Assert.NotNull(result.Action);
    }

    [Fact]
    public void Ask_WordsAndOptions_AreTyped()
    {
        var result = Parse("ask", "/author", "Kording", "--channel", "lab", "--user", "ada");

        Assert.Empty(result.Errors);
        Assert.Equal("ask", result.CommandResult.Command.Name);
        Assert.Equal(["/author", "Kording"], result.GetValue<string[]>("COMMAND")!);
        Assert.Equal("lab", result.GetValue<string>("--channel"));
        Assert.Equal("ada", result.GetValue<string>("--user"));
    }

    [Fact]
    public void Ask_AnAtSignIsText_NotAResponseFile()
    {
        var result = Parse("ask", "/subscribe", "@nobody-file");

        Assert.Empty(result.Errors);
        Assert.Equal(["/subscribe", "@nobody-file"], result.GetValue<string[]>("COMMAND")!);
    }

    [Fact]
    public void Import_FileThenOptionsOrOptionsThenFile_AreTyped()
    {
        var file = Path.GetTempFileName();
        try
        {
            foreach (var args in new[] { new[] { "import", file, "--batch", "7", "--bulk" }, ["import", "--batch", "7", "--bulk", file] })
            {
                var result = Parse(args);

                Assert.Empty(result.Errors);
                Assert.Equal(file, result.GetValue<FileInfo>("FILE")!.FullName);
                Assert.Equal(7, result.GetValue<int>("--batch"));
                Assert.True(result.GetValue<bool>("--bulk"));
            }

            var defaults = Parse("import", file);
            Assert.Equal(2000, defaults.GetValue<int>("--batch"));
            Assert.False(defaults.GetValue<bool>("--bulk"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "ingest", "--once" }, null)]
    [InlineData(new[] { "ingest", "arxiv", "--once" }, "arxiv")]
    [InlineData(new[] { "ingest", "--once", "huggingface" }, "huggingface")]
    public void Ingest_OptionalSourceAndOnce_AreTyped(string[] args, string? source)
    {
        var result = Parse(args);

        Assert.Empty(result.Errors);
        Assert.Equal(source, result.GetValue<string?>("SOURCE"));
        Assert.True(result.GetValue<bool>("--once"));
    }

    [Fact]
    public void EvalAndDeliverAndMigrate_ValidLines_Parse()
    {
        var file = Path.GetTempFileName();
        try
        {
            var eval = Parse("eval", file, "--dims", "64");
            Assert.Empty(eval.Errors);
            Assert.Equal(64, eval.GetValue<int>("--dims"));
            Assert.Equal(128, Parse("eval", file).GetValue<int>("--dims"));
            var alerts = Parse("eval", "alerts", file, "--dims", "64");
            Assert.Empty(alerts.Errors);
            Assert.Equal("alerts", alerts.CommandResult.Command.Name);
            Assert.Equal(64, alerts.GetValue<int>("--dims"));
            Assert.Equal(file, alerts.GetValue<FileInfo>("FILE")!.FullName);
            Assert.Empty(Parse("deliver", "--once").Errors);
            Assert.Empty(Parse("migrate").Errors);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown verb 'frobnicate'")]
    [InlineData(new[] { "--frobnicate" }, "'--frobnicate'")]
    [InlineData(new[] { "ask" }, "give a command")]
    [InlineData(new[] { "ask", "/author Kording", "--channel" }, "--channel")]
    [InlineData(new[] { "ask", "/author Kording", "--user", " " }, "--user needs a value")]
    [InlineData(new[] { "import" }, "researchbot import:")]
    [InlineData(new[] { "import", "/nonexistent/papers.jsonl" }, "/nonexistent/papers.jsonl")]
    [InlineData(new[] { "import", "EXISTING", "--batch" }, "--batch")]
    [InlineData(new[] { "import", "EXISTING", "--batch", "0" }, "--batch must be between 1 and 100000, not 0")]
    [InlineData(new[] { "import", "EXISTING", "--batch", "lots" }, "lots")]
    [InlineData(new[] { "import", "EXISTING", "--bulkk" }, "'--bulkk'")]
    [InlineData(new[] { "ingest" }, "--once is required")]
    [InlineData(new[] { "ingest", "arxiv" }, "--once is required")]
    [InlineData(new[] { "ingest", "arxiv", "huggingface", "--once" }, "'huggingface'")]
    [InlineData(new[] { "ingest", "--once", "--forever" }, "'--forever'")]
    [InlineData(new[] { "deliver" }, "--once is required")]
    [InlineData(new[] { "deliver", "--forever" }, "'--forever'")]
    [InlineData(new[] { "eval" }, "researchbot eval:")]
    [InlineData(new[] { "eval", "EXISTING", "--dims", "8" }, "--dims must be between 16 and 512, not 8")]
    [InlineData(new[] { "eval", "alerts" }, "researchbot alerts:")]
    [InlineData(new[] { "eval", "alerts", "/nonexistent/corpus.jsonl" }, "/nonexistent/corpus.jsonl")]
    [InlineData(new[] { "eval", "alerts", "EXISTING", "--dims", "1000" }, "--dims must be between 16 and 512, not 1000")]
    [InlineData(new[] { "migrate", "now" }, "'now'")]
    [InlineData(new[] { "help", "frobnicate" }, "unknown verb 'frobnicate'")]
    public async Task UsageError_OneLineOnStderr_Exit2_NothingRun(string[] args, string expected)
    {
        var file = Path.GetTempFileName(); // EXISTING: a file that is there, so only the error under test is reported
        (int, string, string) outcome;
        try
        {
            outcome = await InvokeAsync([.. args.Select(a => a == "EXISTING" ? file : a)]);
        }
        finally
        {
            File.Delete(file);
        }

        var (exit, stdout, stderr) = outcome;

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.EndsWith("for usage.", stderr.Trim().Replace("for the list.", "for usage.", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("ask", "--channel <ID>")]
    [InlineData("import", "--batch <N>")]
    [InlineData("ingest", "--once")]
    [InlineData("deliver", "--once")]
    [InlineData("eval", "--dims <N>")]
    [InlineData("migrate", "Create or upgrade")]
    [InlineData("run", "Start the bot")]
    public async Task VerbHelp_PrintsItsUsageAndExits0(string verb, string expected)
    {
        foreach (var args in new[] { new[] { verb, "--help" }, [verb, "-h"], ["help", verb] })
        {
            var (exit, stdout, stderr) = await InvokeAsync(args);

            Assert.Equal(0, exit);
            Assert.Matches($@"Usage:\n  \S+ {verb}\b", stdout.ReplaceLineEndings("\n")); // the executable's name (researchbot; the test host here)
            Assert.Contains(expected, stdout, StringComparison.Ordinal);
            Assert.Equal("", stderr);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    public async Task RootHelp_ListsTheVerbsAndExitCodes(string arg)
    {
        var (exit, stdout, _) = await InvokeAsync(arg);

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "run", "ask <COMMAND>", "import <FILE>", "ingest", "deliver", "eval <FILE>", "migrate", "help" })
        {
            Assert.Contains("  " + verb, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("2 usage error, 3 invalid configuration, 130 interrupted", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheExecutable_ReferencesTheCommandLineAndConsoleLibraries()
    {
        var executable = typeof(ResearchBotCommandLine).Assembly;
        Assert.Contains(executable.GetReferencedAssemblies(), a => a.Name == "System.CommandLine");
        Assert.Contains(executable.GetReferencedAssemblies(), a => a.Name == "Spectre.Console");
        foreach (var name in new[] { "ResearchBot.Core", "ResearchBot.Sources", "ResearchBot.Alerts", "ResearchBot.Similarity", "ResearchBot.Storage.Sqlite", "ResearchBot.Discord", "ResearchBot.Slack" })
        {
            var refs = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, name + ".dll")).GetReferencedAssemblies();
            Assert.DoesNotContain(refs, a => a.Name is "System.CommandLine" or "Spectre.Console");
        }
    }
}
