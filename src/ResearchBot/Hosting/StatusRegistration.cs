using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using ResearchBot.Core.Health;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Hosting;

internal static class StatusRegistration
{
    /// <summary>
    /// With <c>Hosting:HttpUrl</c> set: OpenTelemetry metrics for the <see cref="ResearchBotMeter"/> with a Prometheus
    /// exporter, and the <see cref="StatusServer"/>. Without it nothing is added, so nothing listens or collects.
    /// </summary>
    public static IServiceCollection AddStatusListener(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{HostingOptions.Section}:{nameof(HostingOptions.HttpUrl)}"]))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton<ReadinessRegistry>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ResearchBotMeter.Name).AddPrometheusExporter());
        services.AddSingleton<StatusServer>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusServer>());
        return services;
    }
}
