using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Health;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.SocketMode;
using ResearchBot.Slack.WebApi;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Slack;

/// <summary>
/// Starts Slack: <c>auth.test</c> (reports the bot identity or a clear error), then Socket Mode or the HTTP endpoint.
/// Fatal Slack errors (<c>invalid_auth</c>, <c>link_disabled</c>, …) stop the Slack platform only: the rest of the
/// host (other platforms, ingestion, alerts) keeps running.
/// </summary>
public sealed class SlackBotService(
    SlackWebApiClient api,
    IServiceProvider services,
    FollowUpTracker followUps,
    IOptions<SlackOptions> options,
    [FromKeyedServices(SlackServiceCollectionExtensions.ReconnectStrategyKey)] IReconnectStrategy reconnectStrategy,
    TimeProvider timeProvider,
    ReadinessRegistry readiness,
    ILogger<SlackBotService> logger) : BackgroundService
{
    /// <summary>The identity auth.test reported, once known.</summary>
    public AuthTestResponse? Identity { get; private set; }

    /// <summary>Why Slack stopped, if it did (e.g. <c>invalid_auth</c>, <c>link_disabled</c>).</summary>
    public string? StoppedReason { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Starting(logger, options.Value.Mode.ToString());
        try
        {
            Identity = await AuthTestWithRetryAsync(stoppingToken);
            Log.AuthOk(logger, Identity.User ?? "?", Identity.UserId ?? "?", Identity.Team ?? "?", Identity.TeamId ?? "?");
            string reason;
            if (options.Value.Mode == SlackMode.Socket)
            {
                reason = await Get<SocketModeClient>().RunAsync(stoppingToken);
            }
            else
            {
                var server = Get<SlackHttpServer>();
                server.Listening += _ => readiness.Report(SlackPlatform.Name, true, "listening");
                await server.RunAsync(stoppingToken);
                reason = "stopped";
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                Stop(reason);
            }
        }
        catch (SlackApiException ex) when (ex.IsFatalAuth || ex.Method == "auth.test")
        {
            Stop(ex.Error);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.PlatformFailed(logger, ex);
            StoppedReason = ex.GetType().Name;
            readiness.Report(SlackPlatform.Name, false, "stopped (failed)");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(TimeSpan.FromSeconds(5));
        await followUps.DrainAsync(grace.Token);
    }

    private async Task<AuthTestResponse> AuthTestWithRetryAsync(CancellationToken cancellationToken)
    {
        // Transport trouble at boot (Slack unreachable) is retried like a reconnect; a Slack error code is final.
        var reconnect = new ReconnectPolicy(reconnectStrategy, timeProvider);
        while (true)
        {
            try
            {
                return await api.AuthTestAsync(cancellationToken);
            }
            catch (SlackTransportException ex)
            {
                var delay = reconnect.Next();
                Log.AuthUnreachable(logger, ex.Message, delay.TotalSeconds);
                await reconnect.WaitAsync(delay, cancellationToken);
            }
        }
    }

    private void Stop(string reason)
    {
        StoppedReason = reason;
        Log.PlatformStopped(logger, reason, Explain(reason));
        readiness.Report(SlackPlatform.Name, false, $"stopped ({reason})");
    }

    private static string Explain(string reason) => reason switch
    {
        "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" or "account_inactive" =>
            "the token was refused: check Slack:BotToken (xoxb-) and Slack:AppToken (xapp-, with connections:write)",
        "link_disabled" => "Socket Mode was turned off for this app in its settings; turn it on or use Slack:Mode=Http",
        "not_allowed_token_type" => "a token of the wrong type was used: Slack:BotToken must be xoxb-, Slack:AppToken xapp-",
        "stopped" => "the Slack service ended",
        _ => "see the Slack error code",
    };

    private T Get<T>()
        where T : notnull => (T)services.GetService(typeof(T))!;
}
