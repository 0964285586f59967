using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Subscribe;
using ResearchBot.Core.Commands.Subscriptions;
using ResearchBot.Core.Commands.Unsubscribe;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Postgres;
using ResearchBot.Storage.Postgres.Tests;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;

namespace ResearchBot.Alerts.Tests.Support;

/// <summary>
/// The real alert wiring with a fake clock and fake publishers, on the SQLite backend (a temp file) or, from
/// <see cref="PostgresAsync"/>, on the PostgreSQL backend (a schema of its own on the test server, dropped afterwards).
/// </summary>
public sealed class AlertTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string? _dir;
    private readonly string? _schema;

    public AlertTestHost(DateTimeOffset? start = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
        : this(null, start, settings, configure)
    {
    }

    private AlertTestHost((string ConnectionString, string Schema)? postgres, DateTimeOffset? start, IDictionary<string, string?>? settings, Action<IServiceCollection>? configure)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["Storage:SeedDemoData"] = "false",
            ["Alerts:ChannelMinInterval"] = "00:00:00",
            ["Alerts:RetryBaseDelay"] = "00:00:10",
            ["Alerts:InterruptedAfter"] = "00:00:00",
        };
        if (postgres is { } pg)
        {
            _schema = pg.Schema;
            values["Storage:Provider"] = "Postgres";
            values["Storage:ConnectionString"] = pg.ConnectionString;
        }
        else
        {
            _dir = Path.Combine(Path.GetTempPath(), "rb-alerts-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(_dir);
            values["Storage:DatabasePath"] = Path.Combine(_dir, "test.db");
        }

        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddResearchBotCore();
        // like: alerts: a stand-in engine and the tests' own learner (registered first, so AddAlerts' TryAdd keeps them).
        services.AddSingleton<ResearchBot.Core.Similarity.IPaperVectors>(Vectors);
        services.AddSingleton<ResearchBot.Core.Alerts.Learning.IInterestLearner>(Learner);
        if (postgres is null)
        {
            services.AddSqliteStorage().AddSqliteAlerts();
        }
        else
        {
            services.AddPostgresStorage();
        }

        services.AddAlerts(config);
        // The alert commands under test; the executable registers them with every other command in AddCommands().
        services.AddSingleton<ICommand, SubscribeCommand>();
        services.AddSingleton<ICommand, UnsubscribeCommand>();
        services.AddSingleton<ICommand, SubscriptionsCommand>();
        services.AddSingleton<LikeSubscriber>();
        services.AddSingleton<ICommand, LikeThisCommand>();
        configure?.Invoke(services);
        foreach (var p in new[] { Discord, Slack, Console })
        {
            services.AddSingleton<IChatPublisher>(p);
        }

        services.AddSingleton<IChatPublisher>(Keyed);

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The same wiring on the PostgreSQL test server; skips the test when none answers (fails with RESEARCHBOT_REQUIRE_POSTGRES=1).</summary>
    public static async Task<AlertTestHost> PostgresAsync(DateTimeOffset? start = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var postgres = await PostgresServer.NewSchemaAsync();
        try
        {
            return new AlertTestHost(postgres, start, settings, configure);
        }
        catch
        {
            await PostgresServer.DropSchemaAsync(postgres.Schema);
            throw;
        }
    }

    public bool IsPostgres => _schema is not null;

    public FakeTimeProvider Time { get; }
    public HashedPaperVectors Vectors { get; } = new();
    public CentroidLearner Learner { get; } = new();
    public FakeChatPublisher Discord { get; } = new("discord");
    public FakeChatPublisher Slack { get; } = new("slack");
    public FakeChatPublisher Console { get; } = new("console");
    public FakeKeyedPublisher Keyed { get; } = new("keyed");

    public IServiceProvider Services => _provider;

    public IPaperIndex Index => _provider.GetRequiredService<IPaperIndex>();
    public IAlertStore Store => _provider.GetRequiredService<IAlertStore>();
    public AlertDeliverer Deliverer => _provider.GetRequiredService<AlertDeliverer>();
    public CommandDispatcher Dispatcher => _provider.GetRequiredService<CommandDispatcher>();
    public ResearchBot.Core.Alerts.Learning.IAlertFeedbackStore Feedback => _provider.GetRequiredService<ResearchBot.Core.Alerts.Learning.IAlertFeedbackStore>();

    /// <summary>A connection to the backend's database, for tests that read its tables.</summary>
    public async Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken) => IsPostgres
        ? await _provider.GetRequiredService<PostgresDatabase>().OpenAsync(cancellationToken)
        : await _provider.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);

    public Task<AlertSubscription> SubscribeAsync(ChannelAddress channel, string query, AlertMode mode = AlertMode.Instant, string tz = "UTC", TimeOnly? at = null) =>
        Store.AddAsync(new NewAlertSubscription(channel, query, mode, at ?? new TimeOnly(9, 0), tz, "u1"), CancellationToken.None);

    public Task<PaperUpsertResult> ImportAsync(params PaperRecord[] records) => Index.UpsertAsync(records, CancellationToken.None);

    public static PaperRecord Paper(string arxivId, string title, string? abstractText = null, string[]? authors = null, string[]? categories = null, int version = 1, string source = "arxiv", string? doi = null) => new()
    {
        ArxivId = arxivId,
        ArxivVersion = version,
        Title = title,
        Abstract = abstractText,
        Authors = [.. authors ?? ["Ada Lovelace"]],
        Categories = [.. categories ?? ["cs.LG"]],
        Source = source,
        Doi = doi,
        Published = new DateOnly(2026, 3, 1),
    };

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (_schema is not null)
        {
            await PostgresServer.DropSchemaAsync(_schema);
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
