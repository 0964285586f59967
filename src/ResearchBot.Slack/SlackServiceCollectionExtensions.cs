using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Core.Messaging;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.WebApi;
using ResearchBot.Core.Configuration;
using ResearchBot.Transport.Http;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>Key of Socket Mode's <see cref="IReconnectStrategy"/> (register another under it to change the delays).</summary>
    public const string ReconnectStrategyKey = "slack";

    private const string HttpClientName = "ResearchBot.Slack";

    /// <summary>True when the <c>Slack</c> section names a bot token (inline or as a file): add the adapter then.</summary>
    public static bool IsSlackConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:BotToken"]) || !string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:BotTokenFile"]);

    /// <summary>
    /// The Slack adapter: options (validated at start-up), Web API client, Socket Mode client or HTTP endpoint,
    /// the <see cref="IChatPublisher"/> for <c>slack</c>, and the hosted <see cref="SlackBotService"/>.
    /// Needs <c>AddResearchBotCore()</c> for the command dispatcher.
    /// </summary>
    public static IServiceCollection AddSlackAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<SlackOptions>(SlackOptions.Section, configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SlackOptions>, SlackSecretFiles>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());

        services.TryAddKeyedSingleton<IReconnectStrategy>(ReconnectStrategyKey, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            return new ExponentialReconnectStrategy(o.ReconnectInitialDelay, o.ReconnectMaxDelay);
        });

        // Long-lived clients (the pacer and response_url counters are state). Timeouts and 5xx of idempotent methods
        // are retried by the transport ring (1 s apart, twice); 429s stay with SlackWebApiClient and the method pacer.
        services.AddTransportHttpClient(HttpClientName)
            .AddTransportRetry(sp =>
            {
                var logger = sp.GetRequiredService<ILogger<SlackWebApiClient>>();
                return new TransportRetryOptions
                {
                    MaxRetries = SlackWebApiClient.IdempotentRetries,
                    Delay = TimeSpan.FromSeconds(1),
                    MaxRetryAfter = sp.GetRequiredService<IOptions<SlackOptions>>().Value.RateLimitBudget,
                    OnRetry = retry => Log.WebApiRetrying(logger, retry.Operation, retry.Failure),
                };
            })
            .AddAttemptTimeout(sp => sp.GetRequiredService<IOptions<SlackOptions>>().Value.RequestTimeout);
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<SlackWebApiClient>(sp, Client(sp)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ResponseUrlSender>(sp, Client(sp)));
        services.TryAddSingleton<SlackMethodPacer>();
        services.TryAddSingleton<EnvelopeDeduplicator>();
        services.TryAddSingleton<FollowUpTracker>();
        services.TryAddSingleton<SlashCommandHandler>();
        services.TryAddSingleton<Interactivity.BlockActionHandler>();
        // Unfurling needs Core's PaperCards (AddCommands(): the paper index and the similarity engine).
        services.TryAddSingleton<Events.LinkUnfurler>();
        services.TryAddSingleton<Events.SlackEventHandler>();
        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<SlackCommandEndpoint>();
        services.TryAddSingleton<SlackHttpServer>();
        services.AddMetrics();
        services.AddReadinessComponent(SlackPlatform.Name);
        services.TryAddSingleton<SocketModeMetrics>();
        services.TryAddSingleton<SocketModeClient>();
        services.TryAddSingleton<SlackChatPublisher>();
        services.AddSingleton<IChatPublisher>(sp => sp.GetRequiredService<SlackChatPublisher>());
        services.TryAddSingleton<SlackBotService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackBotService>());
        return services;
    }

    private static HttpClient Client(IServiceProvider sp) => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
}
