using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Interactions;

/// <summary>Clicks on our buttons and selects (interaction type 3), answered through the one command runner.</summary>
public sealed class ComponentInteractionTests
{
    private static JsonElement Slash(string name, string optionsJson = "[]") =>
        JsonDocument.Parse("{\"id\":\"900\",\"application_id\":\"42\",\"type\":2,\"token\":\"tok\",\"guild_id\":\"5\",\"channel_id\":\"6\",\"member\":{\"user\":{\"id\":\"7\"},\"permissions\":\"0\"},\"data\":{\"id\":\"1\",\"name\":\"" + name + "\",\"type\":1,\"options\":" + optionsJson + "}}").RootElement.Clone();

    private static JsonElement Click(string data, string guild = "5", string channel = "6") =>
        JsonDocument.Parse("{\"id\":\"901\",\"application_id\":\"42\",\"type\":3,\"token\":\"ctok\",\"guild_id\":\"" + guild + "\",\"channel_id\":\"" + channel + "\",\"member\":{\"user\":{\"id\":\"8\"},\"permissions\":\"0\"},\"message\":{\"id\":\"555\",\"channel_id\":\"6\",\"content\":\"\"},\"data\":" + data + "}").RootElement.Clone();

    private static string Button(string customId) => JsonSerializer.Serialize(new { custom_id = customId, component_type = 2 });

    private static string Select(string customId, params string[] values) => JsonSerializer.Serialize(new { custom_id = customId, component_type = 3, values });

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

    [Fact]
    public async Task SlashAnswer_CarriesButtonsSelectAndLinkRows()
    {
        await using var rig = await TestRig.StartAsync(null, new PagerCommand());

        var first = await FirstResponseAsync(rig, Slash("pager"));

        var rows = first["data"]!["components"]!.AsArray();
        Assert.Equal(2, rows.Count);
        var buttons = rows[0]!["components"]!.AsArray();
        Assert.Equal("More", (string?)buttons[0]!["label"]);
        Assert.Equal("rb1:u:pager page:2", (string?)buttons[0]!["custom_id"]);
        Assert.Equal(5, (int)buttons[1]!["style"]!); // a link button sends nothing back
        Assert.Null(buttons[1]!["custom_id"]);
        var select = rows[1]!["components"]![0]!;
        Assert.Equal(3, (int)select["type"]!);
        Assert.Equal("rb1:n:pager page:7", (string?)select["options"]![0]!["value"]);
    }

    [Fact]
    public async Task MoreClick_UpdatesTheMessageInPlaceWithTheNextPage()
    {
        await using var rig = await TestRig.StartAsync(null, new PagerCommand());

        var update = await FirstResponseAsync(rig, Click(Button("rb1:u:pager page:2")));

        Assert.Equal(7, (int)update["type"]!);
        Assert.Equal("Page 2", (string?)update["data"]!["embeds"]![0]!["title"]);
        Assert.Equal("rb1:u:pager page:3", (string?)update["data"]!["components"]![0]!["components"]![0]!["custom_id"]);
        Assert.Null(update["data"]!["flags"]);
        Assert.Empty(rig.Server.Requests);
    }

    [Fact]
    public async Task LastPageClick_ClearsTheOldMoreButton()
    {
        await using var rig = await TestRig.StartAsync(null, new PagerCommand());

        var update = await FirstResponseAsync(rig, Click(Button("rb1:u:pager page:3")));

        var rows = update["data"]!["components"]!.AsArray();
        Assert.DoesNotContain(rows.SelectMany(r => r!["components"]!.AsArray()), c => (string?)c!["label"] == "More");
    }

    [Fact]
    public async Task SelectPick_AnswersWithANewMessage()
    {
        await using var rig = await TestRig.StartAsync(null, new PagerCommand());

        var answer = await FirstResponseAsync(rig, Click(Select("rb1sel:0", "rb1:n:pager page:7")));

        Assert.Equal(4, (int)answer["type"]!);
        Assert.Equal("Page 7", (string?)answer["data"]!["embeds"]![0]!["title"]);
    }

    [Fact]
    public async Task Click_RunsInTheClickersOwnChannel()
    {
        await using var rig = await TestRig.StartAsync(null, new PagerCommand());

        var answer = await FirstResponseAsync(rig, Click(Button("rb1:u:pager page:2"), guild: "99", channel: "98"));

        Assert.Equal("in discord:99/98", (string?)answer["data"]!["embeds"]!.AsArray().Last()!["footer"]!["text"]);
    }

    [Theory]
    [InlineData("{\"custom_id\":\"rb1:u:pager page:2\\u0000\",\"component_type\":2}")]
    [InlineData("{\"custom_id\":\"fb:1:up:2501.01234\",\"component_type\":2}")]
    [InlineData("{\"custom_id\":\"rb1sel:0\",\"component_type\":3,\"values\":[\"a\",\"b\"]}")]
    [InlineData("{\"component_type\":2}")]
    [InlineData("\"not an object\"")]
    public async Task TamperedClick_PrivateOneLineAnswerAndNothingElse(string data)
    {
        await using var rig = await TestRig.StartAsync(null, new PagerCommand());

        var answer = await FirstResponseAsync(rig, Click(data));

        Assert.Equal(4, (int)answer["type"]!);
        Assert.Equal(64, (int)answer["data"]!["flags"]!);
        Assert.Equal(ActionHandler.Expired, (string?)answer["data"]!["content"]);
        Assert.Empty(rig.Server.Requests);
    }

    [Fact]
    public async Task SlowMoreClick_DefersTheUpdateThenEditsOriginal()
    {
        await using var rig = await TestRig.StartAsync(o => o.QuickReplyBudget = TimeSpan.FromMilliseconds(100), new PagerCommand(TimeSpan.FromSeconds(1)));
        var first = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);

        var handling = rig.Handler.HandleAsync(Click(Button("rb1:u:pager page:2")), (callback, _) =>
        {
            first.TrySetResult(callback);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        rig.Time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(6, (int)(await first.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken))["type"]!);
        await handling.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var edit = Assert.Single(rig.Server.Requests);
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal("/api/v10/webhooks/42/ctok/messages/@original", edit.Path);
        Assert.Equal("Page 2", edit.Json.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task FiftyClicksInOneSecond_AllAcknowledgedWithin3s()
    {
        await using var rig = await TestRig.StartAsync(null, new PagerCommand());
        var acknowledged = new ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();

        var clicks = Enumerable.Range(0, 50).Select(async i =>
        {
            await Task.Delay(i * 20, TestContext.Current.CancellationToken);
            var sent = clock.Elapsed;
            await rig.Handler.HandleAsync(Click(Button($"rb1:u:pager page:{1 + (i % 3)}")), (callback, _) =>
            {
                acknowledged.Add(clock.Elapsed - sent);
                return Task.CompletedTask;
            }, CancellationToken.None);
        }).ToList();
        await Task.WhenAll(clicks).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(50, acknowledged.Count);
        Assert.True(acknowledged.Max() < TimeSpan.FromSeconds(3), $"slowest acknowledgement {acknowledged.Max().TotalMilliseconds} ms");
    }
}
