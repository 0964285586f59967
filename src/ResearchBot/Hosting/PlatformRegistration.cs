using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Discord;
using ResearchBot.Slack;

namespace ResearchBot.Hosting;

/// <summary>Adds each chat platform whose credentials are configured (architecture.md: register adapters conditionally).</summary>
internal static class PlatformRegistration
{
    /// <summary>Returns how many chat platforms were added; with none, the console chat runs.</summary>
    public static int AddChatPlatforms(this IServiceCollection services, IConfiguration configuration)
    {
        var count = 0;
        if (IsSet(configuration, "Discord:Token"))
        {
            services.AddDiscordAdapter(configuration);
            count++;
        }

        if (configuration.IsSlackConfigured())
        {
            services.AddSlackAdapter(configuration);
            count++;
        }

        return count;
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
