using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Transport.Http;

namespace ResearchBot.Sources.Http;

/// <summary>One named client per upstream, wired once: retries (<c>Sources:Http</c>), then the source's gate, then the attempt timeout.</summary>
internal static class SourceHttpRegistration
{
    /// <summary>
    /// Registers the source's <see cref="RequestGate"/> and <see cref="SourceHttp"/> as keyed singletons under
    /// <paramref name="source"/>, over a named client with the source's connection limit and User-Agent.
    /// </summary>
    public static void AddSourceHttp(this IServiceCollection services, string source, Func<IServiceProvider, TimeSpan> interval, int maxConnections, Func<IServiceProvider, string?> mailto)
    {
        var clientName = "ResearchBot.Sources." + source.Replace(" ", "", StringComparison.Ordinal);
        services.TryAddKeyedSingleton(source, (sp, _) => new RequestGate(interval(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddTransportHttpClient(clientName, handler =>
            {
                handler.MaxConnectionsPerServer = maxConnections;
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(10);
            })
            .ConfigureHttpClient((sp, client) => client.DefaultRequestHeaders.UserAgent.ParseAdd(mailto(sp) is { } m ? $"ResearchBot/1.0 (mailto:{m})" : "ResearchBot/1.0"))
            .AddTransportRetry(sp =>
            {
                var o = sp.GetRequiredService<IOptions<HttpRetryOptions>>().Value;
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(clientName);
                return new TransportRetryOptions
                {
                    MaxRetries = o.MaxAttempts - 1,
                    Delay = o.BaseDelay,
                    Backoff = RetryBackoff.Exponential,
                    MaxDelay = o.MaxRetryAfter,
                    RetryTooManyRequests = true,
                    MaxRetryAfter = o.MaxRetryAfter,
                    OnRetry = retry => Log.SourceRetrying(logger, source, retry.Failure, retry.Attempt, retry.Delay.TotalSeconds),
                };
            })
            .AddHttpMessageHandler(sp => new RequestGateHandler(sp.GetRequiredKeyedService<RequestGate>(source)))
            .AddAttemptTimeout(sp => sp.GetRequiredService<IOptions<HttpRetryOptions>>().Value.Timeout);
        services.TryAddKeyedSingleton(source, (sp, _) => new SourceHttp(
            source,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(clientName),
            sp.GetRequiredService<IOptions<HttpRetryOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(clientName)));
    }
}
