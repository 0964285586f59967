using System.Collections.Immutable;
using ResearchBot.ConsoleChat;
using ResearchBot.Core.Replies;

namespace ResearchBot.Tests.ConsoleChat;

/// <summary>Buttons as typed follow-ups: the renderer lists them, the chat reads them back, the real bot runs them.</summary>
public sealed class ConsoleFollowUpTests
{
    private static readonly ImmutableArray<ReplyAction> Actions =
    [
        ReplyAction.Button("More", "rb1:u:search neural page:2", "more"),
        ReplyAction.Select("Similar to…", [new("1. A", "rb1:n:similar 1", Position: 1), new("3. C", "rb1:n:similar #7", Position: 3)], "similar"),
        ReplyAction.Link("PDF", "https://arxiv.org/pdf/2401.00001"),
    ];

    [Fact]
    public void Describe_ListsWordsNumbersAndLinks()
    {
        Assert.Equal("Next: more (More) · similar 1, 3 (Similar to…) · PDF https://arxiv.org/pdf/2401.00001", ConsoleFollowUps.Describe(Actions));
    }

    [Theory]
    [InlineData("more", "rb1:u:search neural page:2")]
    [InlineData(" MORE ", "rb1:u:search neural page:2")]
    [InlineData("similar 3", "rb1:n:similar #7")]
    [InlineData("similar 2", null)]
    [InlineData("similar", null)]
    [InlineData("similar x", null)]
    [InlineData("/search more", null)]
    public void Resolve_TypedLine_GivesTheActionsPayload(string line, string? expected)
    {
        Assert.Equal(expected, ConsoleFollowUps.Resolve(line, Actions));
    }

    [Fact]
    public async Task ConsoleChat_MoreThenSimilar_PagesInPlaceAndAnswersForTheChosenPaper()
    {
        using var bot = new BotProcess();

        var (exit, stdout, stderr) = await bot.RunAsync("/search neural networks\nmore\nsimilar 2\n");

        Assert.True(exit == 0, stderr);
        var answers = stdout.Split("Papers matching \"neural networks\"", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, answers.Length);
        var first = Titles(answers[0]);
        var second = Titles(answers[1]);
        Assert.Equal(8, first.Count);
        Assert.NotEmpty(second);
        Assert.Empty(first.Intersect(second)); // page 2 shows other papers than page 1
        Assert.Contains("Results 9–", answers[1], StringComparison.Ordinal);
        Assert.Contains("Next: more (More) · similar 1–8 (Similar to…)", answers[0], StringComparison.Ordinal);
        Assert.Contains($"Papers similar to \"{second[1]}\"", stdout, StringComparison.Ordinal); // "similar 2" on page 2
    }

    [Fact]
    public async Task ConsoleChat_PaperCard_OffersSimilarAndLinks()
    {
        using var bot = new BotProcess();

        var (exit, stdout, stderr) = await bot.RunAsync("/paper Neural Arithmetic Units\nsimilar\n");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Next: similar (Similar papers)", stdout, StringComparison.Ordinal);
        Assert.Contains("Papers similar to \"Neural Arithmetic Units\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleChat_AuthorCoauthorsPickThenPapers_AllAsTypedFollowUps()
    {
        using var bot = new BotProcess();

        var (exit, stdout, stderr) = await bot.RunAsync("/author Kording\ncoauthors\npick 1\npapers\n");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Next: papers (Papers) · coauthors (Co-authors)", stdout, StringComparison.Ordinal);
        var coauthors = stdout[stdout.IndexOf("Co-authors of Konrad Kording", StringComparison.Ordinal)..];
        Assert.Contains("Next: pick 1–", coauthors, StringComparison.Ordinal);
        // "pick 1" opens the first co-author's summary, whose "papers" lists that person's papers.
        var first = System.Text.RegularExpressions.Regex.Match(coauthors, @"1\. (?<name>[^—\n]+?) — ").Groups["name"].Value;
        Assert.NotEmpty(first);
        Assert.Contains("Papers by " + first, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NamesakeMenu_IsPickWithNumbers()
    {
        var reply = Core.Commands.Author.AuthorReplies.Choose("Zhang",
            [new(3, "Wei Zhang", 2, "A", 2025, [], ["cs.LG"]), new(4, "Wen Zhang", 1, "B", 2022, [], [])],
            c => $"rb1:n:author #{c.Id}");

        Assert.Equal("Next: pick 1–2 (Which one?)", ConsoleFollowUps.Describe(reply.Actions));
        Assert.Equal("rb1:n:author #4", ConsoleFollowUps.Resolve("pick 2", reply.Actions));
    }

    private static List<string> Titles(string answer) =>
        [.. answer.Split('\n').Select(l => l.TrimEnd()).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ ?\d{1,2}\. ")).Select(l => l[(l.IndexOf('.', StringComparison.Ordinal) + 2)..])];
}
