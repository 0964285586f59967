using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ResearchBot.Core.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Declares that the bot is not ready until <paramref name="component"/> reports ready to <see cref="ReadinessRegistry"/>.</summary>
    public static IServiceCollection AddReadinessComponent(this IServiceCollection services, string component)
    {
        services.TryAddSingleton<ReadinessRegistry>();
        if (!services.Any(d => d.ServiceType == typeof(ReadinessComponent) && d.ImplementationInstance is ReadinessComponent c && c.Name == component))
        {
            services.AddSingleton(new ReadinessComponent(component));
        }

        return services;
    }
}
