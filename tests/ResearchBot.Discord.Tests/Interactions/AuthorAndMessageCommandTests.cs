using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Commands.Author;
using ResearchBot.Core.Papers;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Tests.Fakes;
using ResearchBot.TestKit;

namespace ResearchBot.Discord.Tests.Interactions;

/// <summary>
/// <c>/author</c>'s namesake menu, Papers and Co-authors clicks, and the "Similar papers" message command, through the
/// interaction handler against the fake Discord server.
/// </summary>
public sealed class AuthorAndMessageCommandTests
{
    private static JsonElement Slash(string name, string optionsJson) =>
        JsonDocument.Parse("{\"id\":\"900\",\"application_id\":\"42\",\"type\":2,\"token\":\"tok\",\"guild_id\":\"5\",\"channel_id\":\"6\",\"member\":{\"user\":{\"id\":\"7\"},\"permissions\":\"0\"},\"data\":{\"id\":\"1\",\"name\":\"" + name + "\",\"type\":1,\"options\":" + optionsJson + "}}").RootElement.Clone();

    private static JsonElement Click(string data) =>
        JsonDocument.Parse("{\"id\":\"901\",\"application_id\":\"42\",\"type\":3,\"token\":\"ctok\",\"guild_id\":\"5\",\"channel_id\":\"6\",\"member\":{\"user\":{\"id\":\"8\"},\"permissions\":\"0\"},\"message\":{\"id\":\"555\",\"channel_id\":\"6\",\"content\":\"\",\"flags\":64},\"data\":" + data + "}").RootElement.Clone();

    /// <summary>A MESSAGE command invocation as the docs show it: interaction type 2, <c>data.type</c> 3, the target in <c>resolved.messages</c>.</summary>
    private static JsonElement OnMessage(object message, string name = MessageCommands.SimilarPapersName) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            id = "902",
            application_id = "42",
            type = 2,
            token = "mtok",
            guild_id = "5",
            channel_id = "6",
            member = new { user = new { id = "9" }, permissions = "0" },
            data = new
            {
                id = "77",
                name,
                type = 3,
                target_id = "1100",
                resolved = new { messages = new Dictionary<string, object> { ["1100"] = message } },
            },
        })).RootElement.Clone();

    private static object Message(string content, params object[] embeds) =>
        new { id = "1100", channel_id = "6", content, embeds, author = new { id = "12", username = "someone" }, attachments = Array.Empty<object>() };

    private static async Task<JsonObject> FirstResponseAsync(TestRig rig, JsonElement interaction)
    {
        var first = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        await rig.Handler.HandleAsync(interaction, (callback, _) =>
        {
            first.TrySetResult(callback);
            return Task.CompletedTask;
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        return await first.Task;
    }

    /// <summary>
    /// The first callback's type and the message the person ends up with: the callback's data (4, 7), or, after a
    /// deferral (5, 6), the body of the last edit or follow-up sent to the fake server.
    /// </summary>
    private static async Task<(int Type, JsonObject Message)> AnswerAsync(TestRig rig, JsonElement interaction)
    {
        var before = rig.Server.Requests.Count;
        var first = await FirstResponseAsync(rig, interaction);
        var type = (int)first["type"]!;
        if (type is 4 or 7)
        {
            return (type, first["data"]!.AsObject());
        }

        var last = rig.Server.Requests.Skip(before).Last(r => r.Method is "PATCH" or "POST");
        return (type, JsonNode.Parse(last.Body)!.AsObject());
    }

    private static IEnumerable<JsonObject> Components(JsonObject message) =>
        (message["components"]?.AsArray() ?? []).SelectMany(row => row!["components"]!.AsArray()).Select(c => c!.AsObject());

    private static string Title(JsonObject message) => (string?)message["embeds"]![0]!["title"] ?? "";

    private static string Button(JsonObject message, string label) =>
        JsonSerializer.Serialize(new { custom_id = (string?)Components(message).Single(c => (string?)c["label"] == label)["custom_id"], component_type = 2 });

    private static string Pick(JsonObject message, int option)
    {
        var select = Components(message).Single(c => (int)c["type"]! == 3);
        return JsonSerializer.Serialize(new { custom_id = (string?)select["custom_id"], component_type = 3, values = new[] { (string?)select["options"]![option]!["value"] } });
    }

    private static async Task<ICommand> AuthorCommandAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var index = new InMemoryPaperIndex(clock);
        var directory = new InMemoryAuthorDirectory();
        PaperRecord Record(string title, int year, string category, params string[] authors) =>
            new() { Title = title, Published = new DateOnly(year, 1, 1), Categories = [category], Authors = [.. authors], Source = "test" };
        var wei = await index.AddAsync(
            Record("Graph learning at scale with sparse attention", 2024, "cs.LG", "Wei Zhang", "Ana Lima"),
            Record("Message passing for molecules and proteins", 2025, "cs.LG", "Wei Zhang"));
        directory.Add("Wei Zhang", wei);
        directory.Add("Wen Zhang", await index.AddAsync(Record("Protein folding with diffusion models", 2022, "q-bio.BM", "Wen Zhang")));
        directory.Add("Ana Lima", [wei[0]]);
        return new AuthorCommand(directory, [], [], clock);
    }

    [Fact]
    public async Task Namesakes_SelectMenuThenPick_ShowsThatPersonsSummary()
    {
        await using var rig = await TestRig.StartAsync(null, await AuthorCommandAsync());

        var (_, menu) = await AnswerAsync(rig, Slash("author", "[{\"name\":\"name\",\"type\":3,\"value\":\"Zhang\"}]"));

        Assert.Equal(64, (int)menu["flags"]!); // the menu is for the asker only
        var select = Components(menu).Single(c => (int)c["type"]! == 3);
        var options = select["options"]!.AsArray();
        Assert.Equal(["Wei Zhang", "Wen Zhang"], options.Select(o => (string?)o!["label"]));
        Assert.Equal("2 papers · cs.LG · latest: \"Message passing for molecules and proteins\" (2025)", (string?)options[0]!["description"]);
        Assert.All(options, o => Assert.True(((string?)o!["value"])!.Length <= ActionPayload.MaxLength));

        var (type, summary) = await AnswerAsync(rig, Click(Pick(menu, 1)));

        Assert.Equal(5, type); // a new message for the channel (deferred, then written), not an edit of the private menu
        Assert.Null(summary["flags"]);
        Assert.Equal("Wen Zhang", Title(summary));
        Assert.Equal(["Papers"], Components(summary).Select(c => (string?)c["label"]));
        Assert.Equal("/api/v10/webhooks/42/ctok/messages/@original", rig.Server.Requests.Last().Path);
    }

    [Fact]
    public async Task SummaryButtons_PapersListsThemAndCoauthorsPickShowsTheCoauthor()
    {
        await using var rig = await TestRig.StartAsync(null, await AuthorCommandAsync());
        var (_, summary) = await AnswerAsync(rig, Slash("author", "[{\"name\":\"name\",\"type\":3,\"value\":\"Wei Zhang\"}]"));
        Assert.Equal(["Papers", "Co-authors"], Components(summary).Select(c => (string?)c["label"]));

        var (_, papers) = await AnswerAsync(rig, Click(Button(summary, "Papers")));

        Assert.Equal("Papers by Wei Zhang", Title(papers));
        Assert.Contains("Message passing for molecules and proteins", papers["embeds"]!.ToJsonString(), StringComparison.Ordinal);

        var (_, coauthors) = await AnswerAsync(rig, Click(Button(summary, "Co-authors")));

        Assert.Equal("Co-authors of Wei Zhang", Title(coauthors));
        var (_, lima) = await AnswerAsync(rig, Click(Pick(coauthors, 0)));
        Assert.Equal("Ana Lima", Title(lima));
    }

    [Fact]
    public async Task PickOfAnAuthorThatNoLongerExists_PrivateOneLine()
    {
        await using var rig = await TestRig.StartAsync(null, await AuthorCommandAsync());

        var (_, answer) = await AnswerAsync(rig, Click(JsonSerializer.Serialize(new { custom_id = "rb1sel:0", component_type = 3, values = new[] { "rb1:n:author #9999" } })));

        Assert.Equal(64, (int)answer["flags"]!);
        Assert.Equal(AuthorCommand.Gone, (string?)answer["content"]);
    }

    [Fact]
    public async Task MessageCommand_OnAMessageWithALink_AnswersLikeSimilar()
    {
        await using var rig = await TestRig.StartAsync(null, new EchoSimilarCommand());

        var answer = await FirstResponseAsync(rig, OnMessage(Message("Great read: <https://arxiv.org/abs/2401.12345v2>, and also 2402.00001.")));

        Assert.Equal(4, (int)answer["type"]!);
        Assert.Null(answer["data"]!["flags"]);
        Assert.Equal("Similar to 2401.12345", (string?)answer["data"]!["embeds"]![0]!["title"]);
        Assert.Equal("in discord:5/6", (string?)answer["data"]!["embeds"]!.AsArray().Last()!["footer"]!["text"]);
    }

    [Fact]
    public async Task MessageCommand_LinkOnlyInAnEmbed_IsFound()
    {
        await using var rig = await TestRig.StartAsync(null, new EchoSimilarCommand());

        var answer = await FirstResponseAsync(rig, OnMessage(Message("look at this one",
            new { type = "rich", title = "Some blog post", description = "nothing here" },
            new { type = "link", url = "https://huggingface.co/papers/2403.00007", title = "Paper page" })));

        Assert.Equal("Similar to 2403.00007", (string?)answer["data"]!["embeds"]![0]!["title"]);
    }

    [Theory]
    [InlineData("no paper here, just lunch plans")]
    [InlineData("")]
    public async Task MessageCommand_OnAMessageWithoutAReference_PrivateOneLineExplanation(string content)
    {
        await using var rig = await TestRig.StartAsync(null, new EchoSimilarCommand());

        var answer = await FirstResponseAsync(rig, OnMessage(Message(content, new { type = "link", url = "https://github.com/org/repo" })));

        Assert.Equal(4, (int)answer["type"]!);
        Assert.Equal(64, (int)answer["data"]!["flags"]!);
        Assert.Equal(MessageCommands.NoReference, (string?)answer["data"]!["content"]);
        Assert.Empty(rig.Server.Requests);
    }

    [Fact]
    public async Task MessageCommand_TargetMissingFromResolved_PrivateExplanation()
    {
        await using var rig = await TestRig.StartAsync(null, new EchoSimilarCommand());
        var interaction = JsonNode.Parse(OnMessage(Message("2401.12345")).GetRawText())!;
        interaction["data"]!["target_id"] = "999";

        var answer = await FirstResponseAsync(rig, JsonDocument.Parse(interaction.ToJsonString()).RootElement.Clone());

        Assert.Equal(MessageCommands.NoReference, (string?)answer["data"]!["content"]);
    }

    [Fact]
    public async Task UnknownMessageCommand_PrivateAnswer()
    {
        await using var rig = await TestRig.StartAsync(null, new EchoSimilarCommand());

        var answer = await FirstResponseAsync(rig, OnMessage(Message("2401.12345"), name: "Something else"));

        Assert.Equal(64, (int)answer["data"]!["flags"]!);
        Assert.DoesNotContain("Similar to", answer.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_AddsTheMessageCommandNextToTheSlashCommands()
    {
        var body = CommandRegistrar.Build([new PingCommand().Spec, new EchoSimilarCommand().Spec]);

        Assert.Equal(3, body.Count);
        var message = body[2]!.AsObject();
        Assert.Equal("Similar papers", (string?)message["name"]);
        Assert.Equal(3, (int)message["type"]!);
        Assert.Null(message["description"]);
        Assert.Null(message["options"]);
        Assert.Single(CommandRegistrar.Build([new PingCommand().Spec])); // nothing to run it with: not registered
    }
}
