using ResearchBot.Core.Health;

namespace ResearchBot.Core.Tests.Health;

public sealed class ReadinessRegistryTests
{
    [Fact]
    public void IsReady_ExpectedComponentNotYetReported_IsFalseAndSaysStarting()
    {
        var registry = new ReadinessRegistry([new ReadinessComponent("discord"), new ReadinessComponent("index")]);
        registry.Report("index", true, "loaded");

        Assert.False(registry.IsReady);
        Assert.Equal(new ReadinessState("discord", false, ReadinessRegistry.Starting), registry.Snapshot()[0]);
    }

    [Fact]
    public void IsReady_EveryComponentReady_IsTrueUntilOneDisconnects()
    {
        var registry = new ReadinessRegistry([new ReadinessComponent("slack"), new ReadinessComponent("index")]);
        registry.Report("slack", true, "connected");
        registry.Report("index", true, "loaded");
        Assert.True(registry.IsReady);

        registry.Report("slack", false, "disconnected");

        Assert.False(registry.IsReady);
        Assert.Equal(["index: loaded", "slack: disconnected"], registry.Snapshot().Select(s => $"{s.Component}: {s.Status}"));
    }

    [Fact]
    public void AddReadinessComponent_SameNameTwice_IsExpectedOnce()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddReadinessComponent("slack").AddReadinessComponent("slack");

        Assert.Single(services, d => d.ServiceType == typeof(ReadinessComponent));
    }
}
