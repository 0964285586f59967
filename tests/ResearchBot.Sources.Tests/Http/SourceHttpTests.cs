using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Http;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Http;

/// <summary>One source's client as <see cref="SourceHttpRegistration"/> wires it: retries, gate, attempt timeout.</summary>
public sealed class SourceHttpTests
{
    private readonly InstantTimeProvider _time = new() { RealTimeout = TimeSpan.FromSeconds(2) };

    private ServiceProvider Services(TimeSpan gateInterval, int maxAttempts = 3, string maxRetryAfter = "00:02:00")
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.AddFakeLogging())
            .AddSingleton<TimeProvider>(_time);
        services.AddOptions<HttpRetryOptions>().Configure(o =>
        {
            o.MaxAttempts = maxAttempts;
            o.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Timeout = TimeSpan.FromSeconds(2);
            o.MaxRetryAfter = TimeSpan.Parse(maxRetryAfter, System.Globalization.CultureInfo.InvariantCulture);
        });
        services.AddSourceHttp("Test", _ => gateInterval, maxConnections: 1, mailto: _ => "me@example.org");
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Get_Always500_RetriesThroughTheGateThenGivesUpNamingTheAttempts()
    {
        await using var server = new LoopbackServer(_ => new Canned(500, "<html>stack trace</html>"));
        await using var sp = Services(gateInterval: TimeSpan.FromSeconds(3));

        var ex = await Assert.ThrowsAsync<PaperSourceUnavailableException>(() =>
            sp.GetRequiredKeyedService<SourceHttp>("Test").GetAsync(new Uri(server.BaseUrl + "/x"), TestContext.Current.CancellationToken));

        Assert.Equal("Test is not answering right now (HTTP 500); try again later.", ex.Message);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, _time.Delays.Count(d => d > TimeSpan.FromSeconds(2.5) && d <= TimeSpan.FromSeconds(3))); // each retry waited for the gate
        var logs = sp.GetFakeLogCollector().GetSnapshot();
        Assert.Equal(2, logs.Count(l => l.Id.Name == "SourceRetrying"));
        var gaveUp = Assert.Single(logs, l => l.Id.Name == "SourceGaveUp");
        Assert.Contains("after 3 attempts (HTTP 500)", gaveUp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RetryAfterBeyondTheBudget_GivesUpAtOnceSayingWhenToTryAgain()
    {
        await using var server = new LoopbackServer(_ => new Canned(429, "slow down") { Headers = [("Retry-After", "600")] });
        await using var sp = Services(gateInterval: TimeSpan.Zero);

        var ex = await Assert.ThrowsAsync<PaperSourceUnavailableException>(() =>
            sp.GetRequiredKeyedService<SourceHttp>("Test").GetAsync(new Uri(server.BaseUrl + "/x"), TestContext.Current.CancellationToken));

        Assert.Equal("Test is rate-limiting us; try again in 10 min.", ex.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Get_NotFound_ComesBackToTheCallerWithoutRetry()
    {
        await using var server = new LoopbackServer(_ => new Canned(404, "no such thing"));
        await using var sp = Services(gateInterval: TimeSpan.Zero);

        var response = await sp.GetRequiredKeyedService<SourceHttp>("Test").GetAsync(new Uri(server.BaseUrl + "/x"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.Status);
        Assert.Equal("no such thing", response.Body);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Get_OneAttemptConfigured_NoRetry()
    {
        await using var server = new LoopbackServer(_ => new Canned(503, "busy"));
        await using var sp = Services(gateInterval: TimeSpan.Zero, maxAttempts: 1);

        await Assert.ThrowsAsync<PaperSourceUnavailableException>(() =>
            sp.GetRequiredKeyedService<SourceHttp>("Test").GetAsync(new Uri(server.BaseUrl + "/x"), TestContext.Current.CancellationToken));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Get_CallerCancels_CancellationSurfacesNotUnavailable()
    {
        await using var server = new LoopbackServer(_ => new Canned(200, "") { Hang = true });
        await using var sp = Services(gateInterval: TimeSpan.Zero);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sp.GetRequiredKeyedService<SourceHttp>("Test").GetAsync(new Uri(server.BaseUrl + "/x"), cts.Token));

        Assert.Single(server.Requests);
    }
}
