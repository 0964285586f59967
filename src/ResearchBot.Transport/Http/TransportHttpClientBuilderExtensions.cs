using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ResearchBot.Transport.Http;

/// <summary>
/// The one way the bot makes HTTP clients: a named <see cref="IHttpClientFactory"/> client per upstream, then the
/// retry pipeline (Microsoft.Extensions.Http.Resilience), then any protocol pacing of the caller's own, then the
/// per-attempt timeout. Order matters: handlers added first sit outermost.
/// </summary>
public static class TransportHttpClientBuilderExtensions
{
    /// <summary>
    /// A named client for a long-lived singleton: its handler is never rotated (the singleton would not see a new one),
    /// so pooled connections are recycled instead and DNS changes are still seen. No <see cref="HttpClient.Timeout"/>:
    /// <see cref="AddAttemptTimeout"/> bounds each attempt on the injected clock.
    /// </summary>
    public static IHttpClientBuilder AddTransportHttpClient(this IServiceCollection services, string name, Action<SocketsHttpHandler>? configureHandler = null) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All };
                configureHandler?.Invoke(handler);
                return handler;
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Retries idempotent requests only (<see cref="TransportRequest.IsIdempotent"/>) after a connection failure, a
    /// timeout, a cut-off body, 408 or 5xx; 429 too when <see cref="TransportRetryOptions.RetryTooManyRequests"/>.
    /// A <c>Retry-After</c> sets the wait; one beyond <see cref="TransportRetryOptions.MaxRetryAfter"/> is not waited for.
    /// Waits run on the container's <see cref="TimeProvider"/>.
    /// </summary>
    public static IHttpClientBuilder AddTransportRetry(this IHttpClientBuilder builder, Func<IServiceProvider, TransportRetryOptions> configure)
    {
        builder.AddResilienceHandler("transport-retry", (pipeline, context) =>
        {
            var options = configure(context.ServiceProvider);
            if (options.MaxRetries <= 0)
            {
                return;
            }

            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.Delay,
                MaxDelay = options.MaxDelay,
                BackoffType = options.Backoff switch
                {
                    RetryBackoff.Linear => DelayBackoffType.Linear,
                    RetryBackoff.Exponential => DelayBackoffType.Exponential,
                    _ => DelayBackoffType.Constant,
                },
                UseJitter = false,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time.GetUtcNow())),
                OnRetry = args =>
                {
                    options.OnRetry?.Invoke(new TransportRetry(
                        args.Context.GetRequestMessage()?.OperationOf() ?? "?",
                        args.Outcome.Exception is { } ex ? TransportFailure.Describe(ex) : TransportFailure.Describe(args.Outcome.Result!.StatusCode),
                        args.AttemptNumber + 1,
                        args.RetryDelay));
                    return default;
                },
            });
        });
        return builder;
    }

    /// <summary>Bounds every attempt, body included, by <paramref name="timeout"/> on the container's <see cref="TimeProvider"/>.</summary>
    public static IHttpClientBuilder AddAttemptTimeout(this IHttpClientBuilder builder, Func<IServiceProvider, TimeSpan> timeout) =>
        builder.AddHttpMessageHandler(sp => new AttemptTimeoutHandler(timeout(sp), sp.GetRequiredService<TimeProvider>()));

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TransportRetryOptions options, DateTimeOffset now)
    {
        if (context.CancellationToken.IsCancellationRequested || context.GetRequestMessage() is not { } request || !request.IsIdempotent())
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return TransportFailure.IsTransient(exception);
        }

        var response = outcome.Result!;
        if (!TransportFailure.IsTransient(response.StatusCode) || (response.StatusCode == HttpStatusCode.TooManyRequests && !options.RetryTooManyRequests))
        {
            return false;
        }

        return RetryAfter.Read(response, now) is not { } wait || wait <= options.MaxRetryAfter;
    }
}
