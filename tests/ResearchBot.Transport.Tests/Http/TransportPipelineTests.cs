using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Transport.Http;

namespace ResearchBot.Transport.Tests.Http;

/// <summary>The retry pipeline and attempt timeout as a client registered through the transport ring sees them.</summary>
public sealed class TransportPipelineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<TransportRetry> _retries = [];

    private HttpClient Client(StubHandler stub, Action<TransportRetryOptions>? configure = null, TimeSpan? timeout = null)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddTransportHttpClient("test")
            .AddTransportRetry(_ =>
            {
                var options = new TransportRetryOptions { MaxRetries = 2, Delay = TimeSpan.FromSeconds(1), OnRetry = r => { lock (_retries) { _retries.Add(r); } } };
                configure?.Invoke(options);
                return options;
            })
            .AddAttemptTimeout(_ => timeout ?? TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => stub);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("test");
    }

    private static Task<HttpResponseMessage> Respond(HttpStatusCode status, string? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("x") };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return Task.FromResult(response);
    }

    /// <summary>Moves the fake clock in steps until the call completes; returns the fake time it took.</summary>
    private async Task<TimeSpan> PumpAsync(Task call, TimeSpan step, int maxSteps = 400)
    {
        var start = _time.GetUtcNow();
        for (var i = 0; i < maxSteps && !call.IsCompleted; i++)
        {
            await Task.WhenAny(call, Task.Delay(5, TestContext.Current.CancellationToken));
            if (!call.IsCompleted)
            {
                _time.Advance(step);
            }
        }

        await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        return _time.GetUtcNow() - start;
    }

    [Fact]
    public async Task Get_ServerErrorThenOk_RetriedAfterTheDelayOnTheInjectedClock()
    {
        var stub = new StubHandler((_, n, _) => Respond(n == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        using var client = Client(stub);

        var call = client.GetAsync(new Uri("http://upstream/x"), TestContext.Current.CancellationToken);
        var took = await PumpAsync(call, TimeSpan.FromMilliseconds(100));

        Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
        Assert.Equal(2, stub.Attempts);
        Assert.True(took >= TimeSpan.FromSeconds(1), $"took {took}");
        var retry = Assert.Single(_retries);
        Assert.Equal(new TransportRetry("GET http://upstream", "HTTP 503", 1, TimeSpan.FromSeconds(1)), retry);
    }

    [Fact]
    public async Task Post_ServerError_NotRetriedBecauseARetryCouldDuplicateIt()
    {
        var stub = new StubHandler((_, _, _) => Respond(HttpStatusCode.BadGateway));
        using var client = Client(stub);

        using var response = await client.PostAsync(new Uri("http://upstream/post"), new StringContent("hello"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, stub.Attempts);
        Assert.Empty(_retries);
    }

    [Fact]
    public async Task Post_MarkedIdempotent_RetriedUpToTheLimit()
    {
        var stub = new StubHandler((_, _, _) => Respond(HttpStatusCode.InternalServerError));
        using var client = Client(stub, o => o.Backoff = RetryBackoff.Linear);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://upstream/auth.test") { Content = new StringContent("{}") };
        request.WithIdempotency(true).WithOperation("auth.test");

        var call = client.SendAsync(request, TestContext.Current.CancellationToken);
        await PumpAsync(call, TimeSpan.FromMilliseconds(250));

        Assert.Equal(HttpStatusCode.InternalServerError, (await call).StatusCode);
        Assert.Equal(3, stub.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _retries.Select(r => r.Delay));
        Assert.All(_retries, r => Assert.Equal("auth.test", r.Operation));
    }

    [Fact]
    public async Task Get_MarkedNotIdempotent_NotRetried()
    {
        var stub = new StubHandler((_, _, _) => Respond(HttpStatusCode.ServiceUnavailable));
        using var client = Client(stub);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://upstream/x").WithIdempotency(false);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(1, stub.Attempts);
    }

    [Fact]
    public async Task Get_429WithRetryAfter_WaitsThatLongWhenAllowed()
    {
        var stub = new StubHandler((_, n, _) => n == 1 ? Respond(HttpStatusCode.TooManyRequests, "7") : Respond(HttpStatusCode.OK));
        using var client = Client(stub, o => o.RetryTooManyRequests = true);

        var call = client.GetAsync(new Uri("http://upstream/x"), TestContext.Current.CancellationToken);
        var took = await PumpAsync(call, TimeSpan.FromMilliseconds(500));

        Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
        Assert.True(took >= TimeSpan.FromSeconds(7), $"took {took}");
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_retries).Delay);
    }

    [Fact]
    public async Task Get_429BeyondTheRetryAfterBudget_ReturnedAtOnce()
    {
        var stub = new StubHandler((_, _, _) => Respond(HttpStatusCode.TooManyRequests, "600"));
        using var client = Client(stub, o => (o.RetryTooManyRequests, o.MaxRetryAfter) = (true, TimeSpan.FromMinutes(2)));

        using var response = await client.GetAsync(new Uri("http://upstream/x"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, stub.Attempts);
    }

    [Fact]
    public async Task Get_429WhenTheAdapterOwnsRateLimits_ReturnedAtOnce()
    {
        var stub = new StubHandler((_, _, _) => Respond(HttpStatusCode.TooManyRequests, "1"));
        using var client = Client(stub);

        using var response = await client.GetAsync(new Uri("http://upstream/x"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, stub.Attempts);
    }

    [Fact]
    public async Task Get_ServerHangs_EachAttemptTimesOutThenTimeoutSurfaces()
    {
        var stub = new StubHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var client = Client(stub, timeout: TimeSpan.FromSeconds(3));

        var call = client.GetAsync(new Uri("http://upstream/x"), TestContext.Current.CancellationToken);
        var took = await PumpAsync(call, TimeSpan.FromMilliseconds(250));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.True(TransportFailure.IsTimeout(ex));
        Assert.Equal(3, stub.Attempts);
        Assert.All(_retries, r => Assert.Equal("timed out", r.Failure));
        Assert.True(took >= TimeSpan.FromSeconds(11), $"took {took}"); // 3 × 3 s attempts + 2 × 1 s waits
    }

    [Fact]
    public async Task Post_Timeout_NotRetried()
    {
        var stub = new StubHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var client = Client(stub, timeout: TimeSpan.FromSeconds(3));

        var call = client.PostAsync(new Uri("http://upstream/post"), new StringContent("hello"), TestContext.Current.CancellationToken);
        await PumpAsync(call, TimeSpan.FromMilliseconds(250));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, stub.Attempts);
    }

    [Fact]
    public async Task Get_ConnectionRefusedThenOk_Retried()
    {
        var stub = new StubHandler((_, n, _) => n == 1
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"))
            : Respond(HttpStatusCode.OK));
        using var client = Client(stub);

        var call = client.GetAsync(new Uri("http://upstream/x"), TestContext.Current.CancellationToken);
        await PumpAsync(call, TimeSpan.FromMilliseconds(250));

        Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
        Assert.Equal("connection failed", Assert.Single(_retries).Failure);
    }

    [Fact]
    public async Task Get_CallerCancels_NoRetryAndCancellationSurfaces()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var stub = new StubHandler(async (_, _, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var client = Client(stub);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(new Uri("http://upstream/x"), cts.Token));

        Assert.IsNotType<TimeoutException>(ex.InnerException);
        Assert.Equal(1, stub.Attempts);
        Assert.Empty(_retries);
    }

    [Fact]
    public async Task Get_NotFound_NotRetried()
    {
        var stub = new StubHandler((_, _, _) => Respond(HttpStatusCode.NotFound));
        using var client = Client(stub);

        using var response = await client.GetAsync(new Uri("http://upstream/x"), TestContext.Current.CancellationToken);

        Assert.Equal(1, stub.Attempts);
    }

    [Fact]
    public void OperationOf_UnnamedRequest_NamesMethodAndHostButNeverThePath()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hooks.slack.com/commands/T1/2/SECRET?x=1");

        Assert.Equal("POST https://hooks.slack.com", request.OperationOf());
        Assert.Equal("response_url", request.WithOperation("response_url").OperationOf());
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void IsIdempotent_Unmarked_FollowsTheMethod(string method, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://upstream/x");

        Assert.Equal(expected, request.IsIdempotent());
        Assert.Equal(!expected, request.WithIdempotency(!expected).IsIdempotent());
    }
}
