using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Health;
using ResearchBot.Core.Messaging;
using ResearchBot.Hosting;
using ResearchBot.Similarity;

namespace ResearchBot.Tests.Hosting;

/// <summary>The status listener as the executable wires it (ResearchBotHost.Build), bound to 127.0.0.1:0.</summary>
public sealed class StatusServerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rb-status-" + Guid.NewGuid().ToString("N")[..8]);

    private IHost Build(params (string Key, string? Value)[] settings)
    {
        Directory.CreateDirectory(_dir);
        var values = new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(_dir, "researchbot.db"),
            ["Storage:SeedDemoData"] = "false",
            ["Discord:Token"] = "",
            ["Slack:BotToken"] = "",
            ["Slack:BotTokenFile"] = "",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return ResearchBotHost.Build("run", [], c => c.AddInMemoryCollection(values));
    }

    private static async Task<(StatusServer Server, HttpClient Http)> StartAsync(IHost host)
    {
        var server = host.Services.GetRequiredService<StatusServer>();
        await server.StartAsync(TestContext.Current.CancellationToken);
        var address = await server.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return (server, new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });
    }

    [Fact]
    public void Listener_NotConfigured_NothingIsRegisteredSoNothingBinds()
    {
        // The shipped config/appsettings.json leaves Hosting:HttpUrl empty.
        using var host = Build();

        Assert.Null(host.Services.GetService<StatusServer>());
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.True(string.IsNullOrEmpty(host.Services.GetRequiredService<IOptions<HostingOptions>>().Value.HttpUrl));
    }

    [Theory]
    [InlineData("https://0.0.0.0:9090")]
    [InlineData("0.0.0.0:9090")]
    [InlineData("http://0.0.0.0:9090/status")]
    [InlineData("banana")]
    public void HttpUrl_NotAnAbsoluteHttpUrl_FailsAtStartNamingTheSetting(string url)
    {
        using var host = Build(("Hosting:HttpUrl", url));

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Hosting:HttpUrl", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://+:9090")]
    [InlineData("http://*:9090")]
    [InlineData("http://[::]:9090")]
    public void HttpUrl_KestrelStyleUrl_IsAccepted(string url)
    {
        using var host = Build(("Hosting:HttpUrl", url));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task Healthz_WhileRunning_Is200AndReadyz_Is503UntilTheIndexHasLoaded()
    {
        using var host = Build(("Hosting:HttpUrl", "http://127.0.0.1:0"));
        var (server, http) = await StartAsync(host);
        using var _ = http;
        var ct = TestContext.Current.CancellationToken;

        var live = await http.GetAsync("/healthz", ct);
        var before = await http.GetAsync("/readyz", ct);
        var beforeBody = await before.Content.ReadAsStringAsync(ct);
        await host.Services.GetRequiredService<IndexInitializer>().InitializeAsync(ct);
        Assert.True(await host.Services.GetRequiredService<LsaSimilarityIndex>().EnsureReadyAsync(ct) is false, "the test index is empty");
        var after = await http.GetAsync("/readyz", ct);
        var afterBody = await after.Content.ReadAsStringAsync(ct);
        await server.StopAsync(ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("not ready\nindex: starting\n", beforeBody);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.StartsWith("ready\nindex: empty", afterBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_ConfiguredPlatformNotConnected_Is503UntilItReportsConnected()
    {
        using var host = Build(("Hosting:HttpUrl", "http://127.0.0.1:0"), ("Slack:BotToken", "xoxb-1"), ("Slack:AppToken", "xapp-1"));
        var (server, http) = await StartAsync(host);
        using var _ = http;
        var ct = TestContext.Current.CancellationToken;
        var readiness = host.Services.GetRequiredService<ReadinessRegistry>();
        readiness.Report(LsaSimilarityIndex.ReadinessName, true, "loaded");

        var waiting = await http.GetAsync("/readyz", ct);
        var waitingBody = await waiting.Content.ReadAsStringAsync(ct);
        readiness.Report("slack", true, "connected");
        var ready = await http.GetAsync("/readyz", ct);
        await server.StopAsync(ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
        Assert.Contains("slack: starting", waitingBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterACommand_ServesResearchbotCommandsInPrometheusText()
    {
        using var host = Build(("Hosting:HttpUrl", "http://127.0.0.1:0"));
        var (server, http) = await StartAsync(host);
        using var _ = http;
        var ct = TestContext.Current.CancellationToken;

        await host.Services.GetRequiredService<CommandDispatcher>().DispatchAsync(
            new CommandInput.Text("help", ""), new CommandContext(new ChannelAddress("console", "local", "c1"), "u1", CanManageChannel: true), ct);
        var text = await http.GetStringAsync("/metrics", ct);
        await server.StopAsync(ct);

        Assert.Contains("researchbot_commands_total{", text, StringComparison.Ordinal);
        Assert.Contains("command=\"help\"", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"ok\"", text, StringComparison.Ordinal);
        Assert.Contains("platform=\"console\"", text, StringComparison.Ordinal);
        Assert.Contains("researchbot_command_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("le=\"0.005\"", text, StringComparison.Ordinal); // the advised buckets in seconds, not OpenTelemetry's millisecond defaults
    }

    [Fact]
    public async Task HealthcheckScript_ListenerOn_FollowsReadyz()
    {
        Assert.SkipUnless(File.Exists("/bin/bash"), "needs bash");
        using var host = Build(("Hosting:HttpUrl", "http://127.0.0.1:0"));
        var (server, http) = await StartAsync(host);
        using var _ = http;
        var url = http.BaseAddress!.ToString();

        var notReady = await RunHealthcheckAsync(url, heartbeat: null);
        host.Services.GetRequiredService<ReadinessRegistry>().Report(LsaSimilarityIndex.ReadinessName, true, "loaded");
        var ready = await RunHealthcheckAsync(url, heartbeat: null);
        await server.StopAsync(TestContext.Current.CancellationToken);
        var gone = await RunHealthcheckAsync(url, heartbeat: null);

        Assert.Equal(1, notReady);
        Assert.Equal(0, ready);
        Assert.Equal(1, gone);
    }

    [Fact]
    public async Task HealthcheckScript_ListenerOff_FollowsTheHeartbeatFile()
    {
        Assert.SkipUnless(File.Exists("/bin/bash"), "needs bash");
        Directory.CreateDirectory(_dir);
        var heartbeat = Path.Combine(_dir, "heartbeat");

        var missing = await RunHealthcheckAsync(null, heartbeat);
        await File.WriteAllTextAsync(heartbeat, "now", TestContext.Current.CancellationToken);
        var fresh = await RunHealthcheckAsync(null, heartbeat);
        File.SetLastWriteTimeUtc(heartbeat, DateTime.UtcNow.AddMinutes(-5));
        var stale = await RunHealthcheckAsync(null, heartbeat);

        Assert.Equal(1, missing);
        Assert.Equal(0, fresh);
        Assert.Equal(1, stale);
    }

    private static async Task<int> RunHealthcheckAsync(string? url, string? heartbeat)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "healthcheck.sh"));
        psi.Environment.Remove("Hosting__HttpUrl");
        psi.Environment.Remove("Hosting__HeartbeatFile");
        if (url is not null)
        {
            psi.Environment["Hosting__HttpUrl"] = url;
        }

        if (heartbeat is not null)
        {
            psi.Environment["Hosting__HeartbeatFile"] = heartbeat;
        }

        using var process = Process.Start(psi)!;
        _ = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be open on some platforms; the temp folder is cleaned eventually.
        }
    }
}
