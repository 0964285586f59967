using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Discord;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rendering;
using ResearchBot.TestKit;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Platforms;

/// <summary>
/// The 👍 / 👎 buttons of a delivered alert clicked through the Discord adapter as the app registers it: a component
/// interaction carrying the button's custom_id as rendered, answered by the interaction handler with its deferred edit
/// or private follow-up sent to a fake Discord API. The vote reaches <see cref="VoteCommand"/> on the SQLite store.
/// The Slack counterpart is tests/ResearchBot.Slack.Tests/Interactivity/VoteButtonTests.cs. Slack clicks through this
/// host hung the test process: <see cref="AlertTestHost"/> disposes without moving its fake clock, and the Slack HTTP
/// client's retry pipeline then waits for ever for a response_url post still in flight (see SlackAlertHost there).
/// </summary>
public sealed class VoteButtonTests
{
    private static readonly ChannelAddress DiscordChannel = new("discord", "5", "6");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The alert host with the Discord adapter registered as the app does; alerts are posted to the host's fake publishers.</summary>
    private static AlertTestHost Host(string discordApi) => new(configure: services =>
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "test-token.abc",
            ["Discord:ApplicationId"] = "42",
            ["Discord:ApiBaseUrl"] = discordApi,
        }).Build();
        services.AddDiscordAdapter(config);
        foreach (var publisher in services.Where(d => d.ServiceType == typeof(IChatPublisher)).ToList())
        {
            services.Remove(publisher); // the host's fakes record what would be posted
        }
    });

    /// <summary>A keyword alert in <paramref name="channel"/> delivered one new paper; returns the posted message.</summary>
    private static async Task<Reply> DeliverOneAlertAsync(AlertTestHost host, ChannelAddress channel, FakeChatPublisher posts)
    {
        await host.SubscribeAsync(channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion models for audio", "denoising diffusion"));
        await host.Deliverer.DeliverDueAsync(Ct);
        return Assert.Single(posts.Posts).Reply;
    }

    private static long AlertIdOf(string payload) =>
        long.Parse(payload[(payload.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    // ---- Discord ----------------------------------------------------------------------------------------------

    private static int _tokens;

    private static JsonElement DiscordClick(string customId, string user, string token, string guild, string channel) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            id = "901",
            application_id = "42",
            type = 3,
            token,
            guild_id = guild,
            channel_id = channel,
            member = new { user = new { id = user }, permissions = "0" },
            message = new { id = "555", channel_id = channel, content = "" },
            data = new { custom_id = customId, component_type = 2 },
        })).RootElement.Clone();

    /// <summary>The interaction's first response and the webhook calls made for it (an edit of the message, a follow-up).</summary>
    private sealed record DiscordAnswer(JsonObject First, List<(string Method, string Path, JsonObject Body)> Webhooks)
    {
        public int Type => (int)First["type"]!;

        public JsonObject? EditedOriginal => Webhooks.Where(w => w.Method == "PATCH" && w.Path.EndsWith("/messages/@original", StringComparison.Ordinal)).Select(w => w.Body).SingleOrDefault();

        /// <summary>What the clicker alone was told: an ephemeral answer (4) or an ephemeral follow-up after a deferral.</summary>
        public JsonObject? Private => Type == 4 && (int?)First["data"]!["flags"] == 64 ? First["data"]!.AsObject()
            : Webhooks.Where(w => w.Method == "POST" && (int?)w.Body["flags"] == 64).Select(w => w.Body).SingleOrDefault();
    }

    private static async Task<DiscordAnswer> ClickAsync(AlertTestHost host, FakeDiscordApi discord, string customId, string user, string guild = "5", string channel = "6")
    {
        var token = "tok" + Interlocked.Increment(ref _tokens).ToString(CultureInfo.InvariantCulture);
        var first = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The handler returns once the click is fully answered, deferred edits and follow-ups included.
        await host.Services.GetRequiredService<InteractionHandler>().HandleAsync(DiscordClick(customId, user, token, guild, channel), (callback, _) =>
        {
            first.TrySetResult(callback);
            return Task.CompletedTask;
        }, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var calls = discord.Webhooks.Where(w => w.Path.Split('/')[2] == token).Select(w => (w.Method, w.Path, JsonNode.Parse(w.Body)!.AsObject())).ToList();
        return new DiscordAnswer(await first.Task, calls);
    }

    /// <summary>The buttons of a posted alert as Discord shows them: label → custom_id.</summary>
    private static Dictionary<string, string> DiscordButtons(AlertTestHost host, Reply reply) =>
        host.Services.GetRequiredService<DiscordReplyRenderer>().Render(reply, ephemeral: false).Components!.Value
            .SelectMany(row => row.Components ?? [])
            .Where(c => c is { Type: DiscordComponent.Button, CustomId: not null })
            .ToDictionary(c => c.Label!, c => c.CustomId!);

    private static List<string?> Labels(JsonObject message) =>
        [.. message["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).Select(c => (string?)c!["label"])];

    [Fact]
    public async Task Discord_VoteClick_RedrawsTheAlertWithTheTally_OncePerUser_AndCanBeChanged()
    {
        await using var discord = await FakeDiscordApi.StartAsync();
        await using var host = Host(discord.ApiBase);
        var posted = await DeliverOneAlertAsync(host, DiscordChannel, host.Discord);
        var buttons = DiscordButtons(host, posted);
        var up = buttons["👍"];
        var down = buttons["👎"];
        Assert.StartsWith("rb1:u:vote up alert:", up, StringComparison.Ordinal);

        var first = await ClickAsync(host, discord, up, "7");
        var again = await ClickAsync(host, discord, up, "7");
        var other = await ClickAsync(host, discord, up, "8");
        var changed = await ClickAsync(host, discord, down, "7");

        var edits = new List<JsonObject>();
        foreach (var answer in new[] { first, again, other, changed })
        {
            Assert.Equal(6, answer.Type); // acknowledged as an update of the alert message, then the message is edited for everyone
            var edit = Assert.IsType<JsonObject>(answer.EditedOriginal);
            Assert.Null(edit["flags"]);
            Assert.Contains(posted.Papers[0].Title, edit["embeds"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
            Assert.Null(answer.Private);
            edits.Add(edit);
        }

        Assert.Contains("👍 1", Labels(edits[0]));
        Assert.Contains("👍 1", Labels(edits[1])); // the same person clicking again changes nothing
        Assert.Contains("👍 2", Labels(edits[2]));
        Assert.Contains("👍 1", Labels(edits[3]));
        Assert.Contains("👎 1", Labels(edits[3]));
        Assert.Equal(new VoteTally(1, 1), (await host.Feedback.TalliesAsync([AlertIdOf(up)], Ct))[AlertIdOf(up)]);
    }

    [Theory]
    [InlineData("99", "6")] // another guild, a channel id that happens to be the same
    [InlineData("5", "60")] // another channel of the same guild
    public async Task Discord_VoteOnAnAlertOfAnotherGuild_PrivateOneLineRefusal_NothingRecorded(string guild, string channel)
    {
        await using var discord = await FakeDiscordApi.StartAsync();
        await using var host = Host(discord.ApiBase);
        var posted = await DeliverOneAlertAsync(host, DiscordChannel, host.Discord);
        var up = DiscordButtons(host, posted)["👍"];

        var answer = await ClickAsync(host, discord, up, "66", guild, channel);

        Assert.Null(answer.EditedOriginal); // the shared message is left alone
        Assert.Equal(VoteCommand.NotHere, (string?)answer.Private?["content"]);
        Assert.Empty(await host.Feedback.TalliesAsync([AlertIdOf(up)], Ct));
    }

    public static TheoryData<string> MalformedVotes => new(MalformedVoteValues.All);

    [Theory]
    [MemberData(nameof(MalformedVotes))]
    public async Task Discord_MalformedVoteCustomId_PrivateOneLineAnswer_NoVote(string customId)
    {
        await using var discord = await FakeDiscordApi.StartAsync();
        await using var host = Host(discord.ApiBase);
        var posted = await DeliverOneAlertAsync(host, DiscordChannel, host.Discord);
        var alertId = AlertIdOf(DiscordButtons(host, posted)["👍"]);

        var answer = await ClickAsync(host, discord, customId, "7");

        Assert.Null(answer.EditedOriginal);
        var text = (string?)Assert.IsType<JsonObject>(answer.Private)["content"] ?? (string?)answer.Private!["embeds"]![0]!["description"];
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.DoesNotContain('\n', text);
        Assert.Empty(await host.Feedback.TalliesAsync([alertId], Ct));
    }
}
