using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Core.Messaging;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.WebApi;
using ResearchBot.Core.Configuration;

namespace ResearchBot.Slack;

public static class SlackServiceCollectionExtensions
{
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

        // Long-lived clients (the pacer and response_url counters are state); the pooled handler still
        // recycles connections so DNS changes are seen.
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // timeouts via TimeProvider
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<SlackWebApiClient>(sp, Client(sp)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ResponseUrlSender>(sp, Client(sp)));
        services.TryAddSingleton<SlackMethodPacer>();
        services.TryAddSingleton<EnvelopeDeduplicator>();
        services.TryAddSingleton<FollowUpTracker>();
        services.TryAddSingleton<SlashCommandHandler>();
        services.TryAddSingleton<Interactivity.BlockActionHandler>();
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
