using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Delivery;

public sealed class AlertDelivererTests
{
    private static readonly ChannelAddress Channel = new("discord", "guild-a", "papers");

    [Fact]
    public async Task Deliver_PapersThatArriveTogether_AreBatchedIntoOneMessage()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(Channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"), Paper("2603.00002", "Diffusion B"), Paper("2603.00003", "Diffusion C"));

        var report = await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        var again = await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        var post = Assert.Single(host.Discord.Posts);
        Assert.Equal(["2603.00001", "2603.00002", "2603.00003"], post.Reply.Papers.Select(p => p.Id));
        Assert.Contains("matched diffusion", post.Reply.Papers[0].Why, StringComparison.Ordinal);
        Assert.Equal(3, report.AlertsSent);
        Assert.Equal(0, again.Claimed);
    }

    [Fact]
    public async Task Deliver_TransientFailure_BacksOffThenSucceedsOnce()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(Channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        host.Discord.Failures.Enqueue(new ChatDeliveryException("server error", "500"));

        var first = await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        var tooEarly = await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(11));
        var retried = await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, first.Retrying);
        Assert.Equal(0, tooEarly.Claimed);
        Assert.Equal(1, retried.AlertsSent);
        Assert.Single(host.Discord.Posts);
    }

    [Fact]
    public async Task Deliver_RetryAfterLongerThanBackoff_IsHonoured()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(Channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        host.Discord.Failures.Enqueue(new ChatDeliveryException("rate limited", "429", retryAfter: TimeSpan.FromMinutes(2)));

        await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(60));
        var early = await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(61));
        var late = await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(0, early.Claimed);
        Assert.Equal(1, late.AlertsSent);
    }

    [Fact]
    public async Task Deliver_PermanentRefusal_DisablesTheChannelsSubscriptionsAndStopsRetrying()
    {
        await using var host = new AlertTestHost();
        var other = new ChannelAddress("discord", "guild-a", "other");
        await host.SubscribeAsync(Channel, "diffusion");
        await host.SubscribeAsync(Channel, "audio");
        await host.SubscribeAsync(other, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        host.Discord.Failures.Enqueue(new ChatDeliveryException("Unknown Channel", "10003", permanent: true));

        var report = await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        await host.ImportAsync(Paper("2603.00002", "Diffusion audio B"));
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, report.DisabledChannels);
        Assert.All(await host.Store.ListAsync(Channel, CancellationToken.None), s => Assert.False(s.IsActive));
        Assert.True(Assert.Single(await host.Store.ListAsync(other, CancellationToken.None)).IsActive);
        Assert.Equal(["2603.00001", "2603.00002"], host.Discord.PostedPaperIds(other));
        var toChannel = host.Discord.Posts.Where(p => p.Channel == Channel).ToList();
        var notice = Assert.Single(toChannel);
        Assert.Contains("switched off", notice.Reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_MayHaveBeenDeliveredOnAPlatformWithoutKeys_IsNotRepeated()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(Channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        host.Discord.Failures.Enqueue(new ChatDeliveryException("timeout", "timeout", mayHaveBeenDelivered: true));

        var report = await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, report.Uncertain);
        Assert.Empty(host.Discord.Posts);
        Assert.Equal(1, (await host.Store.CountByStateAsync(CancellationToken.None))[AlertDeliveryState.Uncertain]);
    }

    [Fact]
    public async Task Deliver_RowsLeftSendingByADeadProcess_AreMarkedUncertainNotResent()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(Channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        var row = Assert.Single(await host.Store.ListDueAsync(host.Time.GetUtcNow(), 10, CancellationToken.None));
        await host.Store.ClaimAsync([row.Id], "dead-process", host.Time.GetUtcNow(), CancellationToken.None);

        var report = await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, report.Uncertain);
        Assert.Empty(host.Discord.Posts);
    }

    [Fact]
    public async Task Deliver_InterruptedSendOnAKeyedPlatform_IsRepeatedUnderTheSameKey()
    {
        await using var host = new AlertTestHost(settings: new Dictionary<string, string?> { ["Alerts:InterruptedAfter"] = "00:01:00" });
        var channel = new ChannelAddress("keyed", "g", "c");
        await host.SubscribeAsync(channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        var row = Assert.Single(await host.Store.ListDueAsync(host.Time.GetUtcNow(), 10, CancellationToken.None));
        await host.Store.ClaimAsync([row.Id], "k-before-crash", host.Time.GetUtcNow(), CancellationToken.None);

        var tooSoon = await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(61));
        var recovered = await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(0, tooSoon.Claimed);
        Assert.Equal(1, recovered.Resent);
        var post = Assert.Single(host.Keyed.Posts);
        Assert.Equal("k-before-crash", post.Key);
    }

    [Fact]
    public async Task Deliver_InterruptedSendPastThePlatformsWindow_IsUncertainNotRepeated()
    {
        await using var host = new AlertTestHost(settings: new Dictionary<string, string?> { ["Alerts:InterruptedAfter"] = "00:01:00" });
        host.Keyed.IdempotencyWindow = TimeSpan.FromMinutes(2);
        var channel = new ChannelAddress("keyed", "g", "c");
        await host.SubscribeAsync(channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        var row = Assert.Single(await host.Store.ListDueAsync(host.Time.GetUtcNow(), 10, CancellationToken.None));
        await host.Store.ClaimAsync([row.Id], "k-old", host.Time.GetUtcNow(), CancellationToken.None);

        host.Time.Advance(TimeSpan.FromMinutes(5));
        var report = await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, report.Uncertain);
        Assert.Empty(host.Keyed.Posts);
    }

    [Fact]
    public async Task Deliver_PlatformWithoutPublisher_WaitsInsteadOfFailing()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(new ChannelAddress("matrix", "w", "c"), "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));

        var report = await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, report.WaitingForPlatform);
        Assert.Equal(1, (await host.Store.CountByStateAsync(CancellationToken.None))[AlertDeliveryState.Pending]);
    }

    [Fact]
    public async Task Digest_PostsAtLocalTimeAcrossDstWithTopMatchesAndACount()
    {
        // Friday 27 March 2026, 12:00 UTC; Berlin springs forward on Sunday 29 March.
        await using var host = new AlertTestHost(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero), new Dictionary<string, string?> { ["Alerts:DigestTopCount"] = "2" });
        await host.SubscribeAsync(Channel, "diffusion", AlertMode.Daily, "Europe/Berlin", new TimeOnly(9, 0));
        var posted = new List<DateTimeOffset>();

        async Task RunUntil(DateTimeOffset end)
        {
            while (host.Time.GetUtcNow() < end)
            {
                host.Time.Advance(TimeSpan.FromMinutes(15));
                var before = host.Discord.Posts.Count;
                await host.Deliverer.DeliverDueAsync(CancellationToken.None);
                posted.AddRange(Enumerable.Repeat(host.Time.GetUtcNow(), host.Discord.Posts.Count - before));
            }
        }

        // Title hits rank above abstract hits: B first.
        // Papers of that week (the default date, 1 March, is older than the subscription's window).
        ResearchBot.Core.Papers.PaperRecord New(string id, string title, string? abstractText = null) => Paper(id, title, abstractText) with { Published = new DateOnly(2026, 3, 26) };
        await host.ImportAsync(New("2603.00001", "Audio A", "uses diffusion"), New("2603.00002", "Diffusion B"), New("2603.00003", "Audio C", "diffusion in the abstract"));
        await RunUntil(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        await host.ImportAsync(New("2603.00004", "Diffusion D"));
        await RunUntil(new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero)],
            posted);
        var first = host.Discord.Posts.First().Reply;
        Assert.Equal(2, first.Papers.Length);
        Assert.Equal("2603.00002", first.Papers[0].Id);
        Assert.StartsWith("and 1 more", first.Footer, StringComparison.Ordinal);
    }
}
