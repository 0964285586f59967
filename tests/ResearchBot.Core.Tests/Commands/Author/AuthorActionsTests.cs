using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Commands.Author;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Commands.Author;

/// <summary>The menus and buttons of <c>/author</c>: a namesake menu, Papers (paged) and Co-authors (each pickable).</summary>
public sealed class AuthorActionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InMemoryPaperIndex _index;
    private readonly InMemoryAuthorDirectory _directory = new();
    private readonly AuthorCommand _command;

    public AuthorActionsTests()
    {
        _index = new InMemoryPaperIndex(_clock);
        _command = new AuthorCommand(_directory, [], [], _clock);
    }

    private static PaperRecord Record(string title, DateOnly published, string category, params string[] authors) =>
        new() { Title = title, Published = published, Categories = [category], Authors = [.. authors], Source = "test" };

    private sealed record Seeded(long Kording, long Richards, long WeiZhang, long WenZhang, long Prolific);

    private async Task<Seeded> SeedAsync()
    {
        var kording = await _index.AddAsync(
            Record("Could a neuroscientist understand a microprocessor?", new DateOnly(2017, 1, 12), "q-bio.NC", "Eric Jonas", "Konrad Kording"),
            Record("Deep learning for neuroscience, a primer", new DateOnly(2019, 5, 1), "q-bio.NC", "Konrad Kording", "Blake Richards"),
            Record("Compiling programs into recurrent neurons", new DateOnly(2026, 2, 20), "cs.NE", "Konrad Kording", "Blake Richards"));
        var kordingId = _directory.Add("Konrad Kording", kording);
        var richardsId = _directory.Add("Blake Richards", [.. kording.Where(p => p.Authors.Contains("Blake Richards"))]);
        var wei = await _index.AddAsync(
            Record("Graph learning at scale with sparse attention", new DateOnly(2024, 4, 1), "cs.LG", "Wei Zhang"),
            Record("Message passing for molecules and proteins", new DateOnly(2025, 6, 1), "cs.LG", "Wei Zhang"));
        var weiId = _directory.Add("Wei Zhang", wei);
        var wenId = _directory.Add("Wen Zhang", await _index.AddAsync(Record("Protein folding with diffusion models", new DateOnly(2022, 9, 9), "q-bio.BM", "Wen Zhang")));
        var many = await _index.AddAsync([.. Enumerable.Range(1, 20).Select(i =>
            Record($"Prolific study number {i:D2} of cortical circuits", new DateOnly(2000 + i, 1, 1), "q-bio.NC", "Pat Prolific"))]);
        var prolificId = _directory.Add("Pat Prolific", many);
        return new Seeded(kordingId, richardsId, weiId, wenId, prolificId);
    }

    /// <summary>Runs a click's payload as the adapters do: decode, then bind the command line and execute.</summary>
    private async Task<Reply> ClickAsync(string? payload)
    {
        Assert.True(ActionPayload.TryDecode(payload, out var action), $"payload {payload} does not decode");
        Assert.Equal("author", action.Command.Command);
        return await CommandHarness.ReplyAsync(_command, action.Command.Raw);
    }

    [Fact]
    public async Task Namesakes_MenuOffersEachWithPapersCategoryAndLatestTitle()
    {
        var ids = await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(_command, "Zhang");

        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        var menu = Assert.Single(reply.Actions);
        Assert.Equal(ReplyActionKind.Select, menu.Kind);
        Assert.Equal("pick", menu.Shortcut);
        Assert.Equal(["Wei Zhang", "Wen Zhang"], menu.Choices.Select(c => c.Label));
        Assert.Equal("2 papers · cs.LG · latest: \"Message passing for molecules and proteins\" (2025)", menu.Choices[0].Description);
        Assert.Equal($"rb1:n:author #{ids.WeiZhang}", menu.Choices[0].Payload);
        Assert.Equal($"rb1:n:author #{ids.WenZhang}", menu.Choices[1].Payload);
        Assert.Equal([1, 2], menu.Choices.Select(c => c.Position));
    }

    [Fact]
    public async Task NamesakePick_ShowsThatPersonsSummary()
    {
        await SeedAsync();
        var menu = (await CommandHarness.ReplyAsync(_command, "Zhang")).Actions.Single();

        var summary = await ClickAsync(menu.Choices[1].Payload);

        Assert.Equal("Wen Zhang", summary.Title);
        Assert.Equal(ReplyVisibility.Channel, summary.Visibility);
        Assert.Equal("1 paper", summary.Fields.Single(f => f.Name == "Papers in this index").Value);
    }

    [Fact]
    public async Task NamesakesAskedForPapers_PickKeepsWhatWasAsked()
    {
        var ids = await SeedAsync();

        var menu = (await CommandHarness.ReplyAsync(_command, "Zhang show:papers")).Actions.Single();

        Assert.Equal($"rb1:n:author #{ids.WeiZhang} show:papers", menu.Choices[0].Payload);
        Assert.Equal("Papers by Wei Zhang", (await ClickAsync(menu.Choices[0].Payload)).Title);
    }

    [Fact]
    public async Task Summary_HasPapersAndCoauthorsButtons()
    {
        var ids = await SeedAsync();

        var summary = await CommandHarness.ReplyAsync(_command, "Kording");

        Assert.Equal(["Papers", "Co-authors"], summary.Actions.Select(a => a.Label));
        Assert.All(summary.Actions, a => Assert.Equal(ReplyActionKind.Button, a.Kind));
        Assert.Equal(["papers", "coauthors"], summary.Actions.Select(a => a.Shortcut));
        Assert.Equal($"rb1:n:author #{ids.Kording} show:papers", summary.Actions[0].Payload);
        Assert.Equal($"rb1:n:author #{ids.Kording} show:coauthors", summary.Actions[1].Payload);
    }

    [Fact]
    public async Task Summary_WithoutCoauthors_HasNoCoauthorsButton()
    {
        await SeedAsync();

        var summary = await CommandHarness.ReplyAsync(_command, "Pat Prolific");

        Assert.Equal(["Papers"], summary.Actions.Select(a => a.Label));
    }

    [Fact]
    public async Task PapersClick_PagesWithMoreAndPageTwoDiffersFromPageOne()
    {
        var ids = await SeedAsync();
        var summary = await CommandHarness.ReplyAsync(_command, "Prolific");

        var page1 = await ClickAsync(summary.Actions.Single(a => a.Label == "Papers").Payload);

        Assert.Equal("Papers by Pat Prolific", page1.Title);
        Assert.Equal(AuthorCommand.PapersPerPage, page1.Papers.Length);
        Assert.Equal("Prolific study number 20 of cortical circuits", page1.Papers[0].Title);
        Assert.Equal("Papers 1–8 of 20 in this index, newest first", page1.Footer);
        var more = page1.Actions.Single(a => a.Label == "More");
        Assert.Equal($"rb1:u:author #{ids.Prolific} show:papers page:2", more.Payload);
        Assert.Contains(page1.Actions, a => a.Kind == ReplyActionKind.Select && a.Shortcut == "similar");

        var page2 = await ClickAsync(more.Payload);

        Assert.Equal("Papers 9–16 of 20 in this index, newest first", page2.Footer);
        Assert.Empty(page1.Papers.Select(p => p.Title).Intersect(page2.Papers.Select(p => p.Title)));
        var page3 = await ClickAsync(page2.Actions.Single(a => a.Label == "More").Payload);
        Assert.Equal(4, page3.Papers.Length);
        Assert.DoesNotContain(page3.Actions, a => a.Label == "More");
    }

    [Fact]
    public async Task PapersTypedByName_MoreNamesThePersonById()
    {
        var ids = await SeedAsync();

        var page1 = await CommandHarness.ReplyAsync(_command, "Pat Prolific show:papers");

        Assert.Equal($"rb1:u:author #{ids.Prolific} show:papers page:2", page1.Actions.Single(a => a.Label == "More").Payload);
    }

    [Fact]
    public async Task CoauthorsClick_ListsThemWithAMenuAndAPickShowsThatCoauthor()
    {
        var ids = await SeedAsync();
        var summary = await CommandHarness.ReplyAsync(_command, "Kording");

        var list = await ClickAsync(summary.Actions.Single(a => a.Label == "Co-authors").Payload);

        Assert.Equal("Co-authors of Konrad Kording", list.Title);
        Assert.Equal(["1. Blake Richards — 2 papers together", "2. Eric Jonas — 1 paper together"], list.Sections.Single().Lines);
        var menu = Assert.Single(list.Actions);
        Assert.Equal("pick", menu.Shortcut);
        // Known to the directory: by id. Not known: by name.
        Assert.Equal($"rb1:n:author #{ids.Richards}", menu.Choices[0].Payload);
        Assert.Equal("rb1:n:author Eric Jonas", menu.Choices[1].Payload);
        Assert.Equal("2 papers together", menu.Choices[0].Description);

        var richards = await ClickAsync(menu.Choices[0].Payload);

        Assert.Equal("Blake Richards", richards.Title);
        Assert.Equal("1. Konrad Kording — 2 papers together", (await ClickAsync(richards.Actions.Single(a => a.Label == "Co-authors").Payload)).Sections.Single().Lines[0]);
    }

    [Theory]
    [InlineData("#999")]
    [InlineData("#999 show:papers")]
    [InlineData("#999 show:coauthors")]
    public async Task IdThatNoLongerExists_OneLinePrivateAnswer(string text)
    {
        await SeedAsync();

        var reply = await CommandHarness.ReplyAsync(_command, text);

        Assert.Equal(AuthorCommand.Gone, reply.Body);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.DoesNotContain('\n', reply.Body!);
        Assert.Empty(reply.Actions);
    }

    [Fact]
    public async Task PageBeyondThePapers_SaysNoMore()
    {
        var ids = await SeedAsync();

        var result = await CommandHarness.ExecuteAsync(_command, $"#{ids.Kording} show:papers page:2");

        Assert.Equal("No more papers by Konrad Kording after page 1.", Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Theory]
    [InlineData("#0")]
    [InlineData("#-1")]
    [InlineData("#1x")]
    [InlineData("##1")]
    public void DirectoryId_OnlyPositiveNumbersAfterHash(string text) => Assert.Null(AuthorCommand.DirectoryId(text));

    [Fact]
    public async Task LongNameOfACoauthorWithoutId_IsListedButNotOffered()
    {
        var longName = "Maximiliana " + new string('x', 95) + " Longname";
        var papers = await _index.AddAsync(Record("A paper with a very long author name", new DateOnly(2020, 1, 1), "cs.LG", "Ann Other", longName));
        _directory.Add("Ann Other", papers);

        var list = await CommandHarness.ReplyAsync(_command, "Ann Other show:coauthors");

        Assert.Single(list.Sections.Single().Lines);
        Assert.Empty(list.Actions);
    }
}
