using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Messaging;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Delivery;

public sealed class AlertDeliveryServiceTests
{
    [Fact]
    public async Task Service_DeliversNewMatchesOnTheNextTick()
    {
        await using var host = new AlertTestHost();
        var channel = new ChannelAddress("slack", "T1", "C1");
        await host.SubscribeAsync(channel, "diffusion");
        var service = host.Services.GetServices<IHostedService>().OfType<AlertDeliveryService>().Single();
        await service.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await host.ImportAsync(Paper("2603.00001", "Diffusion A"));
            for (var i = 0; i < 100 && host.Slack.Posts.IsEmpty; i++)
            {
                host.Time.Advance(TimeSpan.FromSeconds(5));
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.Equal(["2603.00001"], host.Slack.PostedPaperIds(channel));
        }
        finally
        {
            await service.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
