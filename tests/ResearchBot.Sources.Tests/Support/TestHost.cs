using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core;
using ResearchBot.Storage.Sqlite;

namespace ResearchBot.Sources.Tests.Support;

/// <summary>Core + a real SQLite index in a temp folder + the sources, wired through the real registration entry point.</summary>
internal sealed class TestHost : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rb-sources-" + Guid.NewGuid().ToString("N"));

    public TestHost(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(_dir, "test.db"),
            ["Storage:SeedDemoData"] = "false",
            ["Sources:Http:BaseDelay"] = "00:00:00.010",
            ["Sources:Http:Timeout"] = "00:00:02",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        if (time is InstantTimeProvider instant)
        {
            instant.RealTimeout = Configuration.GetValue<TimeSpan>("Sources:Http:Timeout");
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(Configuration)
            .AddLogging()
            .AddSingleton(time ?? Clock);
        services.AddResearchBotCore().AddSqliteStorage().AddPaperSources(Configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public IConfiguration Configuration { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
