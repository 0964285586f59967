using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Core.Messaging;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Http;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;
using ResearchBot.Core.Configuration;

namespace ResearchBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord platform: options (validated at start-up), REST client, gateway or HTTP endpoint, command
    /// registration, and an <see cref="IChatPublisher"/> for <c>discord</c>. Needs <c>AddResearchBotCore()</c>.
    /// </summary>
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<DiscordOptions>(DiscordOptions.Section, config);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DiscordRestClient(
            // One long-lived client; pooled connections are recycled so DNS changes are picked up.
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<DiscordRateLimiter>(),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DiscordRestClient>>()));
        services.TryAddSingleton<DiscordRateLimiter>();
        services.TryAddSingleton<DiscordApi>(sp => new DiscordApi(sp.GetRequiredService<DiscordRestClient>()));
        services.TryAddSingleton<DiscordReplyRenderer>();
        services.TryAddSingleton<GatewayTuning>();
        services.TryAddSingleton<InteractionHandler>();
        services.TryAddSingleton<IGatewayDispatchHandler, GatewayInteractionDispatcher>();
        services.AddMetrics();
        services.AddReadinessComponent(InteractionMapper.Platform);
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<GatewayClient>();
        services.TryAddSingleton<InteractionsEndpoint>();
        services.TryAddSingleton<CommandRegistrar>();
        services.AddSingleton<IChatPublisher, DiscordChatPublisher>();
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
