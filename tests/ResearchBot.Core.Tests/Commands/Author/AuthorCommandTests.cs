using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Author;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Commands.Author;

public sealed class AuthorCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InMemoryPaperIndex _index;
    private readonly InMemoryAuthorDirectory _directory = new();

    public AuthorCommandTests() => _index = new InMemoryPaperIndex(_clock);

    private static PaperRecord Record(string title, DateOnly published, string category, int? citations, params string[] authors) =>
        new() { Title = title, Published = published, Categories = [category], Citations = citations, Authors = [.. authors], Source = "test" };

    /// <summary>Konrad Kording with six papers under three spellings, and two Zhangs who share a surname.</summary>
    private async Task<long> SeedAsync()
    {
        var kording = await _index.AddAsync(
            Record("Could a neuroscientist understand a microprocessor?", new DateOnly(2017, 1, 12), "q-bio.NC", 900, "Eric Jonas", "Konrad Kording"),
            Record("Deep learning for neuroscience, a primer", new DateOnly(2019, 5, 1), "q-bio.NC", 400, "Konrad P. Kording", "Blake Richards"),
            Record("Causal inference in brains and machines", new DateOnly(2020, 2, 3), "stat.ML", 120, "K. Kording", "Eric Jonas"),
            Record("Neural data analysis is hard", new DateOnly(2021, 8, 9), "q-bio.NC", null, "Konrad Kording", "Eva Dyer", "Eric Jonas"),
            Record("Quantifying uncertainty in motor learning", new DateOnly(2023, 11, 20), "q-bio.NC", 35, "Konrad Kording"),
            Record("Compiling programs into recurrent neurons", new DateOnly(2026, 2, 20), "cs.NE", null, "Konrad Kording", "Blake Richards"));
        var id = _directory.Add("Konrad Kording", kording, "Konrad P. Kording", "K. Kording");

        var wei = await _index.AddAsync(
            Record("Graph learning at scale with sparse attention", new DateOnly(2024, 4, 1), "cs.LG", 10, "Wei Zhang"),
            Record("Message passing for molecules and proteins", new DateOnly(2025, 6, 1), "cs.LG", 3, "Wei Zhang"));
        _directory.Add("Wei Zhang", wei);
        var wen = await _index.AddAsync(Record("Protein folding with diffusion models", new DateOnly(2022, 9, 9), "q-bio.BM", 50, "Wen Zhang"));
        _directory.Add("Wen Zhang", wen);
        return id;
    }

    private AuthorCommand Command(IAuthorProfileEnricher? enricher = null, IAuthorChartRenderer? chart = null) =>
        new(_directory, enricher is null ? [] : [enricher], chart is null ? [] : [chart], _clock);

    [Fact]
    public async Task Author_OneMatch_SummarisesPapersCitationsLatestTopicsAndCoauthors()
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(Command(), "Konrad Kording");

        Assert.Equal(ReplyKind.Result, reply.Kind);
        Assert.Equal("Konrad Kording", reply.Title);
        Assert.Equal("Also written as Konrad P. Kording, K. Kording.", reply.Body);
        Assert.Equal("6 papers", Field(reply, "Papers in this index"));
        Assert.Equal("1.5K", Field(reply, "Citations of those papers")); // 900 + 400 + 120 + 35
        Assert.Equal("10 days ago", Field(reply, "Latest paper"));
        Assert.Equal("q-bio.NC (4) · cs.NE (1) · stat.ML (1)", Section(reply, "Topics"));
        Assert.Equal("Eric Jonas (3) · Blake Richards (2) · Eva Dyer (1)", Section(reply, "Frequent co-authors"));
        Assert.Equal("Recent papers", reply.PapersHeading);
        Assert.Equal(AuthorReplies.RecentPapers, reply.Papers.Length);
        Assert.Equal("Compiling programs into recurrent neurons", reply.Papers[0].Title);
        Assert.DoesNotContain(reply.Papers, p => p.Title.StartsWith("Could a neuroscientist", StringComparison.Ordinal));
        Assert.Empty(reply.Attachments);
    }

    [Theory]
    [InlineData("Kording")]
    [InlineData("Körding")]
    [InlineData("kording")]
    [InlineData("K. Kording")]
    [InlineData("Kording, Konrad")]
    [InlineData("Konrad P. Körding")]
    [InlineData("K{\\\"o}rding")]
    public async Task Author_NameVariants_FindTheSamePerson(string name)
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(Command(), name);

        Assert.Equal("Konrad Kording", reply.Title);
        Assert.Equal("6 papers", Field(reply, "Papers in this index"));
    }

    [Fact]
    public async Task Author_Namesakes_ListsEachWithPapersAndLatestTitleMostPapersFirst()
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(Command(), "Zhang");

        Assert.Equal("2 people match \"Zhang\"", reply.Title);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Equal(
            [
                "Wei Zhang — 2 papers · cs.LG · latest: \"Message passing for molecules and proteins\" (2025)",
                "Wen Zhang — 1 paper · q-bio.BM · latest: \"Protein folding with diffusion models\" (2022)",
            ],
            reply.Sections.Single(s => s.Heading == "Candidates").Lines);
    }

    [Theory]
    [InlineData("Wei Zhang", "Wei Zhang")]
    [InlineData("Wen Zhang", "Wen Zhang")]
    [InlineData("Zhang, Wen", "Wen Zhang")]
    public async Task Author_FullNameOfANamesake_SummarisesOnlyThatPerson(string name, string expected)
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(Command(), name);

        Assert.Equal(expected, reply.Title);
        Assert.Null(reply.Sections.FirstOrDefault(s => s.Heading == "Candidates"));
    }

    [Fact]
    public async Task Author_InitialSharedByNamesakes_StillAsksWhichOne()
    {
        await SeedAsync();

        Assert.Equal("2 people match \"W. Zhang\"", (await CommandHarness.ReplyAsync(Command(), "W. Zhang")).Title);
    }

    [Fact]
    public async Task Author_NoMatchButCloseSpelling_SuggestsTheKnownName()
    {
        await SeedAsync();

        var result = await CommandHarness.ExecuteAsync(Command(), "Kordnig");

        Assert.Equal("No author named \"Kordnig\" is in the index. Did you mean \"Konrad Kording\"?", Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Fact]
    public async Task Author_NoMatchAtAll_SaysCheckTheSpelling()
    {
        await SeedAsync();

        var result = await CommandHarness.ExecuteAsync(Command(), "Ramanujan");

        Assert.Equal("No author named \"Ramanujan\" is in the index. Check the spelling, or try just the surname.", Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Fact]
    public async Task Author_SameSurnameOtherGivenName_IsNotAMatch()
    {
        await SeedAsync();

        var result = await CommandHarness.ExecuteAsync(Command(), "Maria Kording");

        Assert.Equal("No author named \"Maria Kording\" is in the index. Did you mean \"Konrad Kording\"?", Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Theory]
    [InlineData("!!")]
    [InlineData("-- ..")]
    public async Task Author_NameWithoutLetters_IsAUsageError(string name)
    {
        await SeedAsync();

        var result = await CommandHarness.ExecuteAsync(Command(), name);

        Assert.Contains("letters", Assert.IsType<CommandResult.UsageError>(result).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Author_OneLetterName_IsRefusedByTheBinder() =>
        Assert.NotNull(CommandHarness.BindError(Command(), "K"));

    [Fact]
    public async Task Author_MetricsFromSources_ShowHIndexCitationsAndNameTheSource()
    {
        var id = await SeedAsync();
        await _directory.SaveMetricsAsync(id, new AuthorMetrics
        {
            Source = "OpenAlex", HIndex = 71, I10Index = 180, Citations = 30_512, WorksCount = 420, Institution = "University of Pennsylvania",
            Topics = ["Neuroscience", "q-bio.NC", "Motor control"], RetrievedAt = Now,
        }, TestContext.Current.CancellationToken);

        var reply = await CommandHarness.ReplyAsync(Command(), "Kording");

        var metrics = reply.Fields.Single(f => f.Name == "OpenAlex");
        Assert.Equal("h-index 71 · i10-index 180 · 31K citations · 420 papers · University of Pennsylvania", metrics.Value);
        Assert.False(metrics.Inline);
        // Source topics follow the index's categories, without repeating one the papers already name.
        Assert.Equal("q-bio.NC (4) · cs.NE (1) · stat.ML (1) · Neuroscience · Motor control", Section(reply, "Topics"));
    }

    [Fact]
    public async Task Author_Enricher_AddsItsFiguresBeforeTheReplyIsBuilt()
    {
        await SeedAsync();
        var enricher = new AddMetrics(new AuthorMetrics { Source = "Semantic Scholar", HIndex = 64, Citations = 999, RetrievedAt = Now });

        var reply = await CommandHarness.ReplyAsync(Command(enricher), "Kording");

        Assert.Equal("h-index 64 · 999 citations", reply.Fields.Single(f => f.Name == "Semantic Scholar").Value);
        Assert.Equal(["Konrad Kording"], enricher.Seen);
    }

    [Fact]
    public async Task Author_ChartRenderer_AttachesWhatItDraws()
    {
        await SeedAsync();
        var chart = new CountingChart();

        var reply = await CommandHarness.ReplyAsync(Command(chart: chart), "Kording");

        var attachment = Assert.Single(reply.Attachments);
        Assert.Equal("papers.txt", attachment.FileName);
        Assert.Equal("6", System.Text.Encoding.ASCII.GetString(attachment.Content.Span));
    }

    [Fact]
    public async Task Author_PaperPublishedOnlyAsAYear_LatestShowsTheYear()
    {
        var papers = await _index.AddAsync(new PaperRecord { Title = "An old monograph on the cerebellum", Published = new DateOnly(1998, 1, 1), PublishedYearOnly = true, Authors = ["Ann Other"], Source = "test" });
        _directory.Add("Ann Other", papers);

        var reply = await CommandHarness.ReplyAsync(Command(), "Ann Other");

        Assert.Equal("1998", Field(reply, "Latest paper"));
        Assert.Null(Field(reply, "Citations of those papers"));
        Assert.Null(reply.Body);
    }

    [Fact]
    public async Task Complete_SurnamePrefix_OffersTheDisplayNames()
    {
        await SeedAsync();
        var command = Command();

        Assert.Equal(["Konrad Kording"], await command.CompleteAsync("name", "kor", CommandHarness.Context, TestContext.Current.CancellationToken));
        Assert.Equal(["Wei Zhang", "Wen Zhang"], await command.CompleteAsync("name", "Zha", CommandHarness.Context, TestContext.Current.CancellationToken));
        Assert.Empty(await command.CompleteAsync("name", "k", CommandHarness.Context, TestContext.Current.CancellationToken));
    }

    private static string? Field(Reply reply, string name) => reply.Fields.FirstOrDefault(f => f.Name == name)?.Value;

    private static string? Section(Reply reply, string heading) => reply.Sections.FirstOrDefault(s => s.Heading == heading)?.Lines.Single();

    private sealed class AddMetrics(AuthorMetrics metrics) : IAuthorProfileEnricher
    {
        public List<string> Seen { get; } = [];

        public Task<AuthorProfile> EnrichAsync(AuthorProfile profile, CancellationToken cancellationToken)
        {
            Seen.Add(profile.DisplayName);
            return Task.FromResult(profile with { Metrics = [.. profile.Metrics, metrics] });
        }
    }

    /// <summary>"Draws" the paper count, so the test can tell the attachment came from this profile.</summary>
    private sealed class CountingChart : IAuthorChartRenderer
    {
        public ReplyAttachment? Render(AuthorProfile profile) =>
            new("papers.txt", "text/plain", System.Text.Encoding.ASCII.GetBytes(profile.Papers.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
