using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Core.Messaging;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Http;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;
using ResearchBot.Core.Configuration;
using ResearchBot.Transport.Http;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>Key of the gateway's <see cref="IReconnectStrategy"/> (register another under it to change the delays).</summary>
    public const string ReconnectStrategyKey = "discord";

    internal const string HttpClientName = "ResearchBot.Discord";

    /// <summary>
    /// The Discord platform: options (validated at start-up), REST client, gateway or HTTP endpoint, command
    /// registration, and an <see cref="IChatPublisher"/> for <c>discord</c>. Needs <c>AddResearchBotCore()</c>.
    /// </summary>
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<DiscordOptions>(DiscordOptions.Section, config);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.AddDiscordRest();
        services.TryAddSingleton<DiscordReplyRenderer>();
        services.TryAddSingleton<GatewayTuning>();
        services.TryAddKeyedSingleton<IReconnectStrategy>(ReconnectStrategyKey, (sp, _) =>
        {
            var tuning = sp.GetRequiredService<GatewayTuning>();
            return new ExponentialReconnectStrategy(tuning.ReconnectInitialDelay, tuning.ReconnectMaxDelay, tuning.Random);
        });
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

    /// <summary>
    /// The REST client over the transport ring: a named client whose pipeline retries idempotent routes after a
    /// timeout or 5xx (1 s, then 2 s) and bounds each attempt by <see cref="DiscordOptions.RequestTimeout"/>. 429s are
    /// left to <see cref="DiscordRestClient"/> and its <see cref="DiscordRateLimiter"/>. Needs <see cref="DiscordOptions"/>.
    /// </summary>
    internal static IServiceCollection AddDiscordRest(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransportHttpClient(HttpClientName)
            .AddTransportRetry(sp =>
            {
                var logger = sp.GetRequiredService<ILogger<DiscordRestClient>>();
                return new TransportRetryOptions
                {
                    MaxRetries = DiscordRestClient.MaxServerErrorRetries,
                    Delay = TimeSpan.FromSeconds(1),
                    Backoff = RetryBackoff.Linear,
                    MaxRetryAfter = sp.GetRequiredService<IOptions<DiscordOptions>>().Value.MaxRateLimitWait,
                    OnRetry = retry => Log.RestRetrying(logger, retry.Operation, retry.Failure, retry.Attempt),
                };
            })
            .AddAttemptTimeout(sp => sp.GetRequiredService<IOptions<DiscordOptions>>().Value.RequestTimeout);
        services.TryAddSingleton<DiscordRateLimiter>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.TryAddSingleton<DiscordApi>(sp => new DiscordApi(sp.GetRequiredService<DiscordRestClient>()));
        return services;
    }
}
