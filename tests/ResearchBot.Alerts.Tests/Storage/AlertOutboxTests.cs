using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Storage;

public sealed class AlertOutboxTests
{
    private static readonly ChannelAddress GuildA = new("discord", "guild-a", "general");
    private static readonly ChannelAddress GuildB = new("discord", "guild-b", "general");

    private static async Task<IReadOnlyList<PendingAlert>> DueAsync(AlertTestHost host) =>
        await host.Store.ListDueAsync(host.Time.GetUtcNow(), 1000, CancellationToken.None);

    [Fact]
    public async Task Import_NewMatchingPaper_BecomesOnePendingRowInTheSameTransaction()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(GuildA, "diffusion");

        var result = await host.ImportAsync(Paper("2603.00001", "Diffusion models for audio"), Paper("2603.00002", "Unrelated title"));

        var due = await DueAsync(host);
        Assert.Equal(2, result.Added.Length);
        var row = Assert.Single(due);
        Assert.Equal(result.Added[0].Seq, row.PaperSeq);
        Assert.Equal(GuildA, row.Channel);
        Assert.Equal("diffusion", row.Why);
    }

    [Fact]
    public async Task Import_NewVersionOrSecondSource_IsNotNewAndMakesNoSecondAlert()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(GuildA, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion models for audio", version: 1));

        await host.ImportAsync(Paper("2603.00001", "Diffusion models for audio (revised)", version: 2));
        await host.ImportAsync(Paper("2603.00001", "Diffusion models for audio", source: "openalex", doi: "10.1000/xyz"));
        await host.ImportAsync(Paper("2603.00001v3", "Diffusion models for audio", version: 3));

        Assert.Single(await DueAsync(host));
    }

    [Fact]
    public async Task Subscribe_AfterPapersExist_DoesNotMatchTheBacklogEvenWhenReimported()
    {
        await using var host = new AlertTestHost();
        await host.ImportAsync(Paper("2603.00001", "Diffusion before the subscription"));
        await host.SubscribeAsync(GuildA, "diffusion");

        await host.ImportAsync(Paper("2603.00001", "Diffusion before the subscription", version: 2));
        await host.ImportAsync(Paper("2603.00002", "Diffusion after the subscription"));

        var row = Assert.Single(await DueAsync(host));
        var paper = Assert.Single(await host.Index.GetBySeqAsync([row.PaperSeq], CancellationToken.None));
        Assert.Equal("2603.00002", paper.Id);
    }

    [Fact]
    public async Task Import_OfOldPapers_AnnouncesOnlyThoseNewerThanTheSubscriptionsWindow()
    {
        // A snapshot or backfill brings papers the index never had but that are not new: only recent ones are announced.
        await using var host = new AlertTestHost(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await host.SubscribeAsync(GuildA, "diffusion");
        host.Time.Advance(TimeSpan.FromDays(2));

        var result = await host.ImportAsync(
            Paper("1406.02661", "Diffusion in 2014") with { Published = new DateOnly(2014, 6, 10) },
            Paper("2611.00001", "Diffusion a month before subscribing") with { Published = new DateOnly(2026, 10, 20) },
            Paper("2611.00002", "Diffusion days before subscribing") with { Published = new DateOnly(2026, 11, 19) },
            Paper("2611.00003", "Diffusion after subscribing") with { Published = new DateOnly(2026, 11, 24) },
            Paper("2611.00004", "Diffusion with no date") with { Published = null });

        Assert.Equal(5, result.Added.Length);
        Assert.Equal(["2611.00002", "2611.00003", "2611.00004"], (await DueAsync(host)).Select(r => result.Added.Single(p => p.Seq == r.PaperSeq).Id).Order());
    }

    [Fact]
    public async Task TwoSubscriptionsOfOneChannel_MatchingOnePaper_GiveOneRow()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(GuildA, "diffusion");
        await host.SubscribeAsync(GuildA, "audio");
        await host.SubscribeAsync(GuildB, "audio");

        await host.ImportAsync(Paper("2603.00001", "Diffusion models for audio"));

        var due = await DueAsync(host);
        Assert.Equal(2, due.Count);
        Assert.Contains(due, r => r.Channel == GuildA && r.Why == "diffusion, audio");
        Assert.Contains(due, r => r.Channel == GuildB);
        var subs = await host.Store.ListAsync(GuildA, CancellationToken.None);
        Assert.All(subs, s => Assert.Equal(1, s.MatchCount));
    }

    [Fact]
    public async Task Workspaces_AreIsolatedForListingRemovalAndDelivery()
    {
        await using var host = new AlertTestHost();
        var a = await host.SubscribeAsync(GuildA, "diffusion");
        var b = await host.SubscribeAsync(GuildB, "robots");
        var slackSameIds = new ChannelAddress("slack", "guild-a", "general");

        Assert.Equal([a.Id], (await host.Store.ListAsync(GuildA, CancellationToken.None)).Select(s => s.Id));
        Assert.Empty(await host.Store.ListAsync(slackSameIds, CancellationToken.None));
        Assert.Null(await host.Store.RemoveAsync(GuildA, b.Id, CancellationToken.None));
        Assert.Null(await host.Store.RemoveAsync(slackSameIds, a.Id, CancellationToken.None));

        await host.ImportAsync(Paper("2603.00001", "Diffusion robots"));
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(["2603.00001"], host.Discord.PostedPaperIds(GuildA));
        Assert.Equal(["2603.00001"], host.Discord.PostedPaperIds(GuildB));
        Assert.Empty(host.Slack.Posts);
        Assert.Single(await host.Store.ListAsync(GuildB, CancellationToken.None));
    }

    [Fact]
    public async Task Remove_CancelsUnsentAlertsAndStopsMatching()
    {
        await using var host = new AlertTestHost();
        var sub = await host.SubscribeAsync(GuildA, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion one"));

        Assert.NotNull(await host.Store.RemoveAsync(GuildA, sub.Id, CancellationToken.None));
        await host.ImportAsync(Paper("2603.00002", "Diffusion two"));

        Assert.Empty(await DueAsync(host));
        var counts = await host.Store.CountByStateAsync(CancellationToken.None);
        Assert.Equal(1, counts[AlertDeliveryState.Cancelled]);
    }

    [Fact]
    public async Task Claim_SameRowsTwice_OnlyTheFirstClaimOwnsThem()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(GuildA, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion one"));
        var id = Assert.Single(await DueAsync(host)).Id;

        var first = await host.Store.ClaimAsync([id], "k1", host.Time.GetUtcNow(), CancellationToken.None);
        var second = await host.Store.ClaimAsync([id], "k2", host.Time.GetUtcNow(), CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(second);
    }
}
