using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Seed;
using ResearchBot.Core.Storage;
using ResearchBot.Core.Configuration;

namespace ResearchBot.Hosting;

/// <summary>Before anything else runs: apply migrations, and load the demo corpus into an empty index.</summary>
public sealed class IndexInitializer(IServiceProvider services, IPaperIndex index, DemoSeeder seeder, IOptions<StorageOptions> options, ILogger<IndexInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await StorageBackend.MigrateAsync(services, cancellationToken);
        if (options.Value.SeedDemoData && await index.CountAsync(cancellationToken) == 0)
        {
            var added = await seeder.SeedAsync(cancellationToken);
            HostLog.DemoLoaded(logger, added, StorageBackend.Describe(services));
        }
    }
}

internal static class IndexInitializerRegistration
{
    public static IServiceCollection AddIndexInitializer(this IServiceCollection services)
    {
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<IndexInitializer>();
        services.AddValidatedOptions<HostingOptions>(HostingOptions.Section);
        services.AddHostedService<HeartbeatService>();
        return services;
    }
}
