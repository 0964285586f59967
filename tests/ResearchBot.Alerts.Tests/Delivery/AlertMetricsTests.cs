using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Telemetry;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Delivery;

/// <summary>The alert counters as the real wiring records them: queued in the paper transaction, then delivered or not.</summary>
public sealed class AlertMetricsTests
{
    private static readonly ChannelAddress Channel = new("discord", "guild-a", "papers");

    private static MetricCollector<long> Collect(AlertTestHost host, string instrument) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), ResearchBotMeter.Name, instrument);

    private static long Sum(MetricCollector<long> collector, string? reason = null) =>
        collector.GetMeasurementSnapshot()
            .Where(m => m.Tags["platform"] as string == "discord" && (reason is null || m.Tags["reason"] as string == reason))
            .Sum(m => m.Value);

    [Fact]
    public async Task Alerts_MatchedThenDelivered_CountQueuedAndDeliveredByPlatform()
    {
        await using var host = new AlertTestHost();
        using var queued = Collect(host, "researchbot.alerts.queued");
        using var delivered = Collect(host, "researchbot.alerts.delivered");
        await host.SubscribeAsync(Channel, "diffusion");

        await host.ImportAsync(Paper("2603.00001", "Diffusion A"), Paper("2603.00002", "Diffusion B"), Paper("2603.00003", "Sparse audio"));
        await host.ImportAsync(Paper("2603.00001", "Diffusion A")); // already queued: not again
        var afterImport = Sum(delivered);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, Sum(queued));
        Assert.Equal(0, afterImport);
        Assert.Equal(2, Sum(delivered));
    }

    [Fact]
    public async Task Alerts_TransientFailureThenSuccess_CountOneRetryAndOneDelivery()
    {
        await using var host = new AlertTestHost();
        using var retried = Collect(host, "researchbot.alerts.retried");
        using var delivered = Collect(host, "researchbot.alerts.delivered");
        using var failed = Collect(host, "researchbot.alerts.failed");
        await host.SubscribeAsync(Channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
        host.Discord.Failures.Enqueue(new ChatDeliveryException("server error", "500"));

        await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(11));
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, Sum(retried));
        Assert.Equal(1, Sum(delivered));
        Assert.Equal(0, Sum(failed));
    }

    [Fact]
    public async Task Alerts_PermanentRefusal_CountAsFailedWithReasonRefused()
    {
        await using var host = new AlertTestHost();
        using var failed = Collect(host, "researchbot.alerts.failed");
        await host.SubscribeAsync(Channel, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"), Paper("2603.00002", "Diffusion B"));
        host.Discord.Failures.Enqueue(new ChatDeliveryException("Unknown Channel", "10003", permanent: true));

        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, Sum(failed, "refused"));
    }
}
