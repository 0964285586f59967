using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Alerts.Learning;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Configuration;

namespace ResearchBot.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Topic alert delivery: the outbox deliverer, its background service and the one-shot pass behind the <c>deliver</c> verb. Section
    /// <c>Alerts</c>. Needs an <c>IAlertStore</c> and an <c>IPaperIndex</c> from the storage backend the executable
    /// chose (<c>AddSqliteStorage().AddSqliteAlerts()</c>) and <c>IChatPublisher</c>s registered by the platforms
    /// (console, Discord, Slack). The <c>/subscribe</c> family of commands is registered with the others in
    /// <c>AddCommands()</c>. The <see cref="IInterestLearner"/> behind <c>like:</c> subscriptions is registered here too.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<AlertsOptions>(AlertsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AlertMetrics>();
        services.TryAddSingleton<AlertDeliverer>();
        services.AddHostedService<AlertDeliveryService>();
        services.TryAddSingleton<OneShotDelivery>();
        // Chosen by `researchbot eval alerts` on the dev corpus: logistic regression started from Rocchio (README, "Alerts that learn").
        services.TryAddSingleton<IInterestLearner, LogisticInterestLearner>();
        // 👍 / 👎 on alerts (button-only); needs IAlertFeedbackStore from the storage backend
        // (AddSqliteAlerts() or AddPostgresStorage(); both keep votes).
        services.AddSingleton<Core.Commands.ICommand, VoteCommand>();
        return services;
    }
}
