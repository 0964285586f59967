using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Alerts;
using ResearchBot.Core;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Commands.Unfurl;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;

namespace ResearchBot.Slack.Tests.Support;

/// <summary>
/// The Slack adapter (<c>AddSlackAdapter</c>) over the real alert wiring: SQLite storage on a temp file, the alert
/// deliverer and <see cref="VoteCommand"/>, a fake clock and a fake Slack. Alerts are posted through the real
/// <see cref="SlackChatPublisher"/> to the fake's chat.postMessage, so the vote buttons are the ones Slack would show.
/// Disposal keeps the fake clock moving (<see cref="TestKit.FakeClockDisposal"/>): the Slack HTTP client's retry
/// pipeline waits on that clock for a call still in flight, and a plain dispose would wait for ever.
/// </summary>
internal sealed class SlackAlertHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _dir;
    private int _disposed;

    private SlackAlertHost(ServiceProvider provider, FakeTimeProvider time, string dir)
    {
        _provider = provider;
        Time = time;
        _dir = dir;
    }

    /// <summary>The longest a disposal may take (the fake clock moves 1 s per 10 ms meanwhile).</summary>
    public static readonly TimeSpan DisposeBound = TimeSpan.FromSeconds(30);

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _provider;

    public IAlertFeedbackStore Feedback => Get<IAlertFeedbackStore>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static SlackAlertHost Create(FakeSlack slack, Dictionary<string, string?>? settings = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rb-slack-votes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(dir, "test.db"),
            ["Storage:SeedDemoData"] = "false",
            ["Alerts:ChannelMinInterval"] = "00:00:00",
            ["Alerts:InterruptedAfter"] = "00:00:00",
            ["Slack:BotToken"] = "xoxb-test-bot",
            ["Slack:AppToken"] = "xapp-test-app",
            ["Slack:SigningSecret"] = "test-signing-secret",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:HttpUrl"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        services.AddResearchBotCore();
        services.AddSqliteStorage().AddSqliteAlerts();
        services.AddAlerts(config);
        // Link unfurling (registered by the adapter) needs paper cards; these tests never unfurl.
        services.AddSingleton<ISimilarityIndex, NoSimilarity>();
        services.AddSingleton<PaperCards>();
        services.AddSlackAdapter(config);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new SlackAlertHost(provider, time, dir);
    }

    /// <summary>A keyword alert in <paramref name="channel"/> delivers one new paper to the fake Slack; returns the post.</summary>
    public async Task<ApiCall> DeliverOneAlertAsync(FakeSlack slack, ChannelAddress channel, CancellationToken cancellationToken)
    {
        await Get<IAlertStore>().AddAsync(new NewAlertSubscription(channel, "diffusion", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "U0ADMIN"), cancellationToken);
        await Get<IPaperIndex>().UpsertAsync(
        [
            new PaperRecord
            {
                ArxivId = "2603.00001",
                ArxivVersion = 1,
                Title = "Diffusion models for audio",
                Abstract = "denoising diffusion",
                Authors = ["Ada Lovelace"],
                Categories = ["cs.LG"],
                Source = "arxiv",
                Published = new DateOnly(2026, 3, 1),
            },
        ], cancellationToken);
        await Get<AlertDeliverer>().DeliverDueAsync(cancellationToken);
        return Assert.Single(slack.Calls, c => c.Method == "chat.postMessage");
    }

    /// <summary>Disposes within <see cref="DisposeBound"/>, or fails the test with a <see cref="TimeoutException"/>; once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await TestKit.FakeClockDisposal.DisposeAsync(_provider, Time).AsTask().WaitAsync(DisposeBound, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>No similarity engine: link cards would say "not ready" (no test here unfurls).</summary>
    private sealed class NoSimilarity : ISimilarityIndex
    {
        public Task<SimilarityResult> FindSimilarAsync(Paper paper, SimilarityQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(SimilarityResult.NotReady("none"));

        public Task<SimilarityResult> FindByDescriptionAsync(string description, SimilarityQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(SimilarityResult.NotReady("none"));
    }
}
