using ResearchBot.Core.Commands;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests.SlashCommands;

public sealed class SlashCommandHandlerTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async ValueTask InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    private static TestCommand Subscribe() =>
        new("subscribe", quick: true, (_, _) => Task.FromResult(CommandResult.Ok(Reply.Info("Subscribed."))), admin: true);

    [Theory]
    [InlineData("U0ADMIN1", "Subscribed.")]
    [InlineData("U0OTHER1", "needs the right to manage the channel")]
    public async Task Handle_SubscriptionAdminsSet_OnlyListedUsersManageChannel(string user, string expected)
    {
        await using var host = SlackTestHost.Create(_slack, [Subscribe()], new() { ["Slack:SubscriptionAdmins:0"] = "U0ADMIN1" });

        var body = await host.Get<SlashCommandHandler>().HandleAsync(new SlashCommandPayload("/subscribe", "", null, user, "T1", "C1"), TestContext.Current.CancellationToken);

        Assert.Contains(expected, body!.Text, StringComparison.Ordinal);
        Assert.Equal("ephemeral", body.ResponseType);
    }

    [Fact]
    public async Task Handle_NoSubscriptionAdmins_EveryoneManages()
    {
        await using var host = SlackTestHost.Create(_slack, [Subscribe()]);

        var body = await host.Get<SlashCommandHandler>().HandleAsync(new SlashCommandPayload("/subscribe", "", null, "U0ANY1", "T1", "C1"), TestContext.Current.CancellationToken);

        Assert.Equal("Subscribed.", body!.Text);
    }

    [Fact]
    public async Task ResponseUrl_SixthUse_Refused()
    {
        await using var host = SlackTestHost.Create(_slack, [TestCommand.Echo()]);
        var sender = host.Get<ResponseUrlSender>();
        var url = _slack.ResponseUrl("five");
        var body = new Slack.Rendering.SlackResponseBody("t", [], "ephemeral");

        for (var i = 0; i < 5; i++)
        {
            await sender.PostAsync(url, body, TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<ResponseUrlExpiredException>(() => sender.PostAsync(url, body, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResponseUrl_After30Minutes_RefusedWithoutPosting()
    {
        await using var host = SlackTestHost.Create(_slack, [TestCommand.Echo()]);
        var sender = host.Get<ResponseUrlSender>();
        var url = _slack.ResponseUrl("old");
        sender.Register(url);
        host.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<ResponseUrlExpiredException>(() => sender.PostAsync(url, new("t", [], "ephemeral"), TestContext.Current.CancellationToken));
        Assert.False(_slack.HasResponsePost);
    }
}
