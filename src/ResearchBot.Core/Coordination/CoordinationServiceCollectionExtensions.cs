using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ResearchBot.Core.Coordination;

/// <summary>Registration of singleton-job coordination.</summary>
public static class CoordinationServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="SingletonJob"/>, and <see cref="InProcessJobLeases"/> as <see cref="IJobLeases"/> unless a storage
    /// backend registered its own first (PostgreSQL's advisory locks). The executable adds its storage before the
    /// feature areas that call this, so a backend's registration wins whether it uses <c>Add</c> or <c>TryAdd</c>.
    /// </summary>
    public static IServiceCollection AddJobLeasesFallback(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJobLeases, InProcessJobLeases>();
        services.TryAddSingleton<SingletonJob>();
        return services;
    }
}
