using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Cli;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Subscribe;
using ResearchBot.Core.Commands.Subscriptions;
using ResearchBot.Core.Commands.Unsubscribe;
using ResearchBot.Storage.Sqlite.Alerts;

namespace ResearchBot.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Topic alerts: <c>/subscribe</c>, <c>/unsubscribe</c>, <c>/subscriptions</c>, matching inside the SQLite paper
    /// transaction, the outbox deliverer, its background service and the <c>deliver</c> CLI verb. Section <c>Alerts</c>.
    /// Needs <c>IChatPublisher</c>s registered by the platforms (console, Discord, Slack).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSqliteAlertStorage();
        services.AddSingleton<ICommand, SubscribeCommand>();
        services.AddSingleton<ICommand, UnsubscribeCommand>();
        services.AddSingleton<ICommand, SubscriptionsCommand>();
        services.TryAddSingleton<AlertDeliverer>();
        services.AddHostedService<AlertDeliveryService>();
        services.AddSingleton<ICliVerb, DeliverVerb>();
        return services;
    }
}
