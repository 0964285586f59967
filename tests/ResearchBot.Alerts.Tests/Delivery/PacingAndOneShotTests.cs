using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Messaging;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Delivery;

public sealed class PacingAndOneShotTests
{
    private static readonly ChannelAddress Channel = new("console", "console", "main");

    [Fact]
    public async Task Deliver_TwoMessagesForOneChannel_WaitsTheMinimumIntervalBetweenThem()
    {
        await using var host = new AlertTestHost(settings: new Dictionary<string, string?> { ["Alerts:ChannelMinInterval"] = "00:00:01", ["Alerts:MaxPapersPerMessage"] = "2" });
        var other = new ChannelAddress("console", "console", "other");
        await host.SubscribeAsync(Channel, "diffusion");
        await host.SubscribeAsync(other, "diffusion");
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"), Paper("2603.00002", "Diffusion B"), Paper("2603.00003", "Diffusion C"));

        var pass = host.Deliverer.DeliverDueAsync(TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => host.Console.Posts.Count >= 2 || pass.IsCompleted);

        // The first message of each channel went out at once; the second one for Channel waits for the fake clock.
        Assert.False(pass.IsCompleted);
        Assert.Equal([Channel, other], host.Console.Posts.Select(p => p.Channel));
        host.Time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(pass.IsCompleted);
        Assert.Equal(2, host.Console.Posts.Count);
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        var report = await pass;

        Assert.Equal(4, host.Console.Posts.Count);
        Assert.Equal(6, report.AlertsSent);
    }

    [Fact]
    public async Task OneShotDelivery_DeliversEverythingDueAndSummarises()
    {
        await using var host = new AlertTestHost();
        await host.SubscribeAsync(Channel, "diffusion");
        await host.SubscribeAsync(Channel, "robots", ResearchBot.Core.Alerts.AlertMode.Daily);
        await host.ImportAsync(Paper("2603.00001", "Diffusion A"), Paper("2603.00002", "Robots B"));
        var delivery = host.Services.GetRequiredService<OneShotDelivery>();
        using var output = new StringWriter();

        var code = await delivery.RunAsync(output, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Single(host.Console.Posts);
        Assert.Contains("1 message(s) with 1 alert(s) posted", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 waiting", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertCommands_HaveValidSpecsAndOnlyChangesNeedAChannelAdmin()
    {
        await using var host = new AlertTestHost();
        var catalog = host.Services.GetRequiredService<ResearchBot.Core.Commands.CommandCatalog>();

        foreach (var name in new[] { "subscribe", "unsubscribe", "subscriptions" })
        {
            var command = catalog.Find(name);
            Assert.NotNull(command);
            Assert.True(command.Spec.Description.Length <= 100, name);
        }

        Assert.True(catalog.Find("subscribe")!.Spec.RequiresChannelAdmin);
        Assert.True(catalog.Find("unsubscribe")!.Spec.RequiresChannelAdmin);
        Assert.False(catalog.Find("subscriptions")!.Spec.RequiresChannelAdmin);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
