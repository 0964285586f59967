using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Charts.Authors;
using ResearchBot.Core.Authors;

namespace ResearchBot.Charts.Tests;

public class ChartsRegistrationTests
{
    [Fact]
    public void AddCharts_CalledTwice_OneAuthorChartRenderer()
    {
        using var provider = new ServiceCollection().AddLogging().AddCharts().AddCharts().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var renderer = Assert.Single(provider.GetServices<IAuthorChartRenderer>());
        Assert.IsType<ScottPlotAuthorChartRenderer>(renderer);
    }

    [Fact]
    public void ChartsAssembly_ReferencesCoreAndNoOtherResearchBotProject()
    {
        var ours = typeof(ChartsServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("ResearchBot", StringComparison.Ordinal));

        Assert.Equal(["ResearchBot.Core"], ours);
    }
}
