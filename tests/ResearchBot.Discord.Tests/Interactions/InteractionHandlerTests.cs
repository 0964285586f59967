using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Interactions;

public sealed class InteractionHandlerTests
{
    private static JsonElement Command(string name, string optionsJson = "[]", string member = """{"user":{"id":"7"},"permissions":"0"}""") =>
        JsonDocument.Parse("{\"id\":\"900\",\"application_id\":\"42\",\"type\":2,\"token\":\"tok\",\"guild_id\":\"5\",\"channel_id\":\"6\",\"member\":" + member + ",\"data\":{\"id\":\"1\",\"name\":\"" + name + "\",\"type\":1,\"options\":" + optionsJson + "}}").RootElement.Clone();

    private sealed class Responses
    {
        private readonly TaskCompletionSource<JsonObject> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<JsonObject> First => _first.Task;

        public InteractionResponder Responder => (callback, _) =>
        {
            if (!_first.TrySetResult(callback))
            {
                throw new InvalidOperationException("responded twice");
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>The command's timer is registered on another thread: advance its clock until the work is done.</summary>
    private static async Task AdvanceUntilDoneAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Task task)
    {
        for (var i = 0; i < 500 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(10));
            if (!task.IsCompleted)
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
            }
        }

        await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Handle_QuickCommand_AnswersDirectlyWithType4()
    {
        await using var rig = await TestRig.StartAsync();
        var responses = new Responses();

        await rig.Handler.HandleAsync(Command("ping", """[{"name":"word","type":3,"value":"@everyone hi"}]"""), responses.Responder, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var first = await responses.First;
        Assert.Equal(4, (int)first["type"]!);
        Assert.Empty(first["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Empty(rig.Server.Requests);
    }

    [Fact]
    public async Task Handle_FiveSecondCommand_DefersBeforeAnyTimePassesThenEditsOriginal()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var rig2 = await TestRig.StartAsync(null, new SlowCommand(time, TimeSpan.FromSeconds(5)));
        var responses = new Responses();
        var start = rig2.Time.GetUtcNow();

        var handling = rig2.Handler.HandleAsync(Command("slow", """[{"name":"query","type":3,"value":"spikes"}]"""), responses.Responder, CancellationToken.None);
        var first = await responses.First.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(5, (int)first["type"]!);
        Assert.Equal(start, rig2.Time.GetUtcNow());
        Assert.Empty(rig2.Server.Requests);
        await Task.Delay(20);
        Assert.False(handling.IsCompleted);

        await AdvanceUntilDoneAsync(time, handling);
        Assert.True(time.GetUtcNow() - time.Start >= TimeSpan.FromSeconds(5));
        var edit = Assert.Single(rig2.Server.Requests);
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal("/api/v10/webhooks/42/tok/messages/@original", edit.Path);
        Assert.Equal("Results for spikes", edit.Json.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Handle_CommandBlockingItsThreadFor5s_DefersWithin300msThenEditsOriginal()
    {
        await using var rig = await TestRig.StartAsync(null, new BlockingCommand(TimeSpan.FromSeconds(5)));
        var responses = new Responses();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var handling = rig.Handler.HandleAsync(Command("blocking", """[{"name":"query","type":3,"value":"spikes"}]"""), responses.Responder, CancellationToken.None);
        var first = await responses.First.WaitAsync(TimeSpan.FromSeconds(10));
        var deferredAfter = clock.Elapsed;

        Assert.Equal(5, (int)first["type"]!);
        Assert.True(deferredAfter < TimeSpan.FromMilliseconds(300), $"type 5 left after {deferredAfter.TotalMilliseconds} ms");
        await handling.WaitAsync(TimeSpan.FromSeconds(20));
        var edit = Assert.Single(rig.Server.Requests);
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal("Blocked for 5 s", edit.Json.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Handle_QuickCommandBlockingItsThread_DefersWhenTheBudgetRunsOut()
    {
        await using var rig = await TestRig.StartAsync(o => o.QuickReplyBudget = TimeSpan.FromMilliseconds(100), new BlockingCommand(TimeSpan.FromSeconds(2), quick: true));
        var responses = new Responses();

        var handling = rig.Handler.HandleAsync(Command("blocking", """[{"name":"query","type":3,"value":"x"}]"""), responses.Responder, CancellationToken.None);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        rig.Time.Advance(rig.Options.QuickReplyBudget);
        var first = await responses.First.WaitAsync(TimeSpan.FromMilliseconds(1500), TestContext.Current.CancellationToken);

        Assert.Equal(5, (int)first["type"]!);
        Assert.False(handling.IsCompleted);
        await handling.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal("PATCH", Assert.Single(rig.Server.Requests).Method);
    }

    [Fact]
    public async Task Handle_QuickCommandThatRunsLong_DefersWhenTheBudgetRunsOut()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var rig = await TestRig.StartAsync(null, new SlowCommand(time, TimeSpan.FromSeconds(4), quick: true));
        var responses = new Responses();
        var handling = rig.Handler.HandleAsync(Command("slow", """[{"name":"query","type":3,"value":"x"}]"""), responses.Responder, CancellationToken.None);

        await Task.Delay(50);
        Assert.False(responses.First.IsCompleted);
        rig.Time.Advance(rig.Options.QuickReplyBudget);
        var first = await responses.First.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, (int)first["type"]!);

        await AdvanceUntilDoneAsync(time, handling);
        Assert.Equal("PATCH", Assert.Single(rig.Server.Requests).Method);
    }

    [Fact]
    public async Task Handle_UsageError_IsAShortEphemeralReply()
    {
        await using var rig = await TestRig.StartAsync(null, new AlertCommand());
        var responses = new Responses();

        await rig.Handler.HandleAsync(Command("alerts"), responses.Responder, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var first = await responses.First;
        Assert.Equal(4, (int)first["type"]!);
        Assert.Equal(64, (int)first["data"]!["flags"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)first["data"]!["content"]));
    }

    [Fact]
    public async Task Handle_ChannelAdminCommandWithoutManageChannels_IsRefusedEphemerally()
    {
        await using var rig = await TestRig.StartAsync(null, new AlertCommand());
        var responses = new Responses();

        await rig.Handler.HandleAsync(Command("alerts", """[{"name":"action","type":3,"value":"add"}]"""), responses.Responder, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var data = (await responses.First)["data"]!;
        Assert.Equal(64, (int)data["flags"]!);
        Assert.Contains("manage the channel", (string?)data["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_ChannelAdminCommandByAdministrator_Runs()
    {
        await using var rig = await TestRig.StartAsync(null, new AlertCommand());
        var responses = new Responses();

        await rig.Handler.HandleAsync(Command("alerts", """[{"name":"action","type":3,"value":"add"}]""", """{"user":{"id":"7"},"permissions":"8"}"""), responses.Responder, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var data = (await responses.First)["data"]!;
        Assert.Null(data["flags"]);
        Assert.Equal("Alert add", (string?)data["content"]);
    }

    [Fact]
    public async Task Handle_SlowCommandFailing_ReplacesDeferralWithEphemeralFollowup()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var rig = await TestRig.StartAsync(null, new SlowCommand(time, TimeSpan.FromSeconds(1)));
        var responses = new Responses();
        var handling = rig.Handler.HandleAsync(Command("slow", """[{"name":"query","type":3,"value":"missing"}]"""), responses.Responder, CancellationToken.None);
        await responses.First.WaitAsync(TimeSpan.FromSeconds(10));

        await AdvanceUntilDoneAsync(time, handling);

        var requests = rig.Server.Requests.ToArray();
        Assert.Equal(["DELETE", "POST"], requests.Select(r => r.Method));
        Assert.Equal("/api/v10/webhooks/42/tok", requests[1].Path);
        Assert.Equal(64, requests[1].Json.GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task Handle_Autocomplete_Answers25ChoicesWithinLimits()
    {
        await using var rig = await TestRig.StartAsync(null, new AlertCommand());
        var responses = new Responses();
        var interaction = JsonDocument.Parse("""{"id":"1","application_id":"42","type":4,"token":"t","channel_id":"6","user":{"id":"7"},"data":{"name":"alerts","type":1,"options":[{"name":"author","type":3,"value":"Kor","focused":true}]}}""").RootElement;

        await rig.Handler.HandleAsync(interaction, responses.Responder, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var first = await responses.First;
        Assert.Equal(8, (int)first["type"]!);
        var choices = first["data"]!["choices"]!.AsArray();
        Assert.Equal(25, choices.Count);
        Assert.Equal("Kor Author 0", (string?)choices[0]!["value"]);
        Assert.All(choices, c => Assert.True(((string)c!["name"]!).Length <= 100));
    }

    [Fact]
    public async Task Handle_Ping_Pongs()
    {
        await using var rig = await TestRig.StartAsync();
        var responses = new Responses();

        await rig.Handler.HandleAsync(JsonDocument.Parse("""{"id":"1","type":1,"token":"t"}""").RootElement, responses.Responder, CancellationToken.None);

        Assert.Equal("""{"type":1}""", (await responses.First).ToJsonString());
    }

    [Fact]
    public async Task Handle_RecordedModalSubmit_GetsAPoliteEphemeralAnswer()
    {
        await using var rig = await TestRig.StartAsync();
        var responses = new Responses();
        var frame = Fixture.Load("discord_real_gateway_INTERACTION_CREATE_modal_submit__DiscordBM.json");

        await rig.Handler.HandleAsync(frame.GetProperty("d"), responses.Responder, CancellationToken.None);

        var first = await responses.First;
        Assert.Equal(4, (int)first["type"]!);
        Assert.Equal(64, (int)first["data"]!["flags"]!);
    }

    [Fact]
    public async Task Handle_RecordedRealCommandForUnknownName_AnswersWithAnErrorNotSilence()
    {
        await using var rig = await TestRig.StartAsync();
        var responses = new Responses();

        await rig.Handler.HandleAsync(Fixture.Load("discord_real_APPLICATION_COMMAND_interaction__discorsd.json"), responses.Responder, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var data = (await responses.First)["data"]!;
        Assert.Equal(64, (int)data["flags"]!);
        Assert.Contains("no command", (string?)data["content"], StringComparison.OrdinalIgnoreCase);
    }
}
