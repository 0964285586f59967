using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Commands;

public sealed class SubscriptionCommandsTests
{
    private static readonly ChannelAddress Channel = new("discord", "guild-a", "papers");

    private static Task<Reply> Run(AlertTestHost host, string command, string text, bool admin = true, ChannelAddress? channel = null) =>
        host.Dispatcher.DispatchAsync(new CommandInput.Text(command, text), new CommandContext(channel ?? Channel, "u1", admin), CancellationToken.None);

    [Fact]
    public async Task Subscribe_WithoutChannelRight_IsRefusedAndCreatesNothing()
    {
        await using var host = new AlertTestHost();

        var reply = await Run(host, "subscribe", "diffusion", admin: false);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("manage the channel", reply.Body, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync(Channel, CancellationToken.None));
    }

    [Fact]
    public async Task SubscribeCommand_CalledDirectlyWithoutRight_StillRefuses()
    {
        await using var host = new AlertTestHost();
        var command = new ResearchBot.Core.Commands.Subscribe.SubscribeCommand(host.Store, host.Index, host.Time);
        var args = new CommandArguments(CommandArguments.Empty.Values.Add("query", "diffusion"));

        var result = await command.ExecuteAsync(new CommandContext(Channel, "u1", false), args, CancellationToken.None);

        Assert.IsType<CommandResult.UsageError>(result);
        Assert.Empty(await host.Store.ListAsync(Channel, CancellationToken.None));
    }

    [Fact]
    public async Task Unsubscribe_WithoutChannelRight_IsRefused()
    {
        await using var host = new AlertTestHost();
        var sub = await host.SubscribeAsync(Channel, "diffusion");

        var reply = await Run(host, "unsubscribe", sub.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), admin: false);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Single(await host.Store.ListAsync(Channel, CancellationToken.None));
    }

    [Fact]
    public async Task Subscribe_Valid_RepliesWithIdMeaningAndA30DayPreview()
    {
        await using var host = new AlertTestHost();
        await host.ImportAsync(Paper("2603.00001", "Diffusion for audio"), Paper("2603.00002", "Audio diffusion again"), Paper("2603.00003", "Robots"));

        var reply = await Run(host, "subscribe", "diffusion audio mode:daily at:08:30 tz:Europe/Berlin");

        var sub = Assert.Single(await host.Store.ListAsync(Channel, CancellationToken.None));
        Assert.Equal(ReplyKind.Result, reply.Kind);
        Assert.Contains($"#{sub.Id}", reply.Title, StringComparison.Ordinal);
        Assert.Contains("diffusion AND audio", reply.Body, StringComparison.Ordinal);
        Assert.Contains(reply.Fields, f => f.Value == "would have matched 2 papers");
        Assert.Equal(2, reply.Papers.Length);
        Assert.Equal(ResearchBot.Core.Alerts.AlertMode.Daily, sub.Mode);
        Assert.Equal("Europe/Berlin", sub.TimeZone);
        Assert.Equal(new TimeOnly(8, 30), sub.DigestAt);
    }

    [Fact]
    public async Task Subscribe_Preview_LeavesOutOldPapersIndexedLately()
    {
        // A snapshot import indexes old papers today; a subscription would not announce them, so the preview does not count them.
        await using var host = new AlertTestHost();
        await host.ImportAsync(
            Paper("1501.00001", "Diffusion from 2015") with { Published = new DateOnly(2015, 1, 5) },
            Paper("2603.00002", "Diffusion this week"));

        var reply = await Run(host, "subscribe", "diffusion");

        Assert.Contains(reply.Fields, f => f.Value == "would have matched 1 paper");
        Assert.Equal("2603.00002", Assert.Single(reply.Papers).Id);
        Assert.Contains("not those published more than 14 days before today", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_BadQuery_PointsAtTheMistake()
    {
        await using var host = new AlertTestHost();

        var reply = await Run(host, "subscribe", "graph AND (tree");

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("never closed", reply.Body, StringComparison.Ordinal);
        Assert.Contains("graph AND ▶(tree", reply.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diffusion tz:Mars/Olympus mode:daily", "IANA time zone")]
    [InlineData("diffusion at:25:00", "24-hour time")]
    [InlineData("diffusion tz:Europe/Berlin", "mode:daily")]
    public async Task Subscribe_BadSchedule_SaysWhatIsAllowed(string text, string expected)
    {
        await using var host = new AlertTestHost();

        var reply = await Run(host, "subscribe", text);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains(expected, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_SameQueryTwice_PointsAtTheExistingOne()
    {
        await using var host = new AlertTestHost();
        await Run(host, "subscribe", "diffusion audio");

        var reply = await Run(host, "subscribe", "audio AND diffusion");

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("already has that subscription", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_ByQueryText_RemovesIt_ButAnIdFromAnotherWorkspaceIsNotFound()
    {
        await using var host = new AlertTestHost();
        var other = new ChannelAddress("discord", "guild-b", "papers");
        var theirs = await host.SubscribeAsync(other, "robots");
        await host.SubscribeAsync(Channel, "\"graph neural network\"");

        var foreign = await Run(host, "unsubscribe", theirs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var mine = await Run(host, "unsubscribe", "\"graph neural network\"");

        Assert.Equal(ReplyKind.Info, foreign.Kind);
        Assert.Contains("No alert", foreign.Body, StringComparison.Ordinal);
        Assert.Single(await host.Store.ListAsync(other, CancellationToken.None));
        Assert.Contains("Removed alert", mine.Body, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync(Channel, CancellationToken.None));
    }

    [Fact]
    public async Task Subscriptions_ListsThisChannelsAlertsWithModeAndCounts()
    {
        await using var host = new AlertTestHost();
        await Run(host, "subscribe", "diffusion");
        await Run(host, "subscribe", "robots mode:weekly");
        await host.SubscribeAsync(new ChannelAddress("discord", "guild-b", "papers"), "secret topic");
        await host.ImportAsync(Paper("2603.00001", "Diffusion for robots"));
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        var reply = await Run(host, "subscriptions", "", admin: false);

        var lines = Assert.Single(reply.Sections).Lines;
        Assert.Equal(2, lines.Length);
        Assert.Contains("diffusion · instant alerts · last posted", lines[0], StringComparison.Ordinal);
        Assert.Contains("1 match", lines[0], StringComparison.Ordinal);
        Assert.Contains("weekly digest", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("secret", StringComparison.Ordinal));
    }
}
