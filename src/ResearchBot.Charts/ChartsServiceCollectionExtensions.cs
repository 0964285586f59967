using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Charts.Authors;
using ResearchBot.Core.Authors;

namespace ResearchBot.Charts;

public static class ChartsServiceCollectionExtensions
{
    /// <summary>The <c>/author</c> chart (papers and citations per year, ScottPlot with an embedded font).</summary>
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorChartRenderer, ScottPlotAuthorChartRenderer>());
        return services;
    }
}
