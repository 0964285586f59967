using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.TestKit;

namespace ResearchBot.Slack.Tests.Support;

/// <summary>The real Slack registrations (<c>AddSlackAdapter</c>) with test commands, a fake clock and a fake Slack.</summary>
internal sealed class SlackTestHost : IAsyncDisposable, IDisposable
{
    private readonly ServiceProvider _provider;

    private SlackTestHost(ServiceProvider provider, FakeTimeProvider time)
    {
        _provider = provider;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static SlackTestHost Create(FakeSlack? slack, IEnumerable<ICommand> commands, Dictionary<string, string?>? settings = null, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-test-bot",
            ["Slack:AppToken"] = "xapp-test-app",
            ["Slack:SigningSecret"] = "test-signing-secret",
            ["Slack:ApiBaseUrl"] = slack?.ApiBaseUrl ?? "http://127.0.0.1:9/api",
            ["Slack:HttpUrl"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        services.AddOptions<CommandOptions>();
        foreach (var command in commands)
        {
            services.AddSingleton(command);
        }

        services.AddSingleton<CommandCatalog>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<Core.Commands.Actions.ActionHandler>();

        // Link cards for unfurling: an in-memory index, a scripted arXiv source and a word-overlap similarity engine.
        services.AddSingleton(sp => new InMemoryPaperIndex(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPaperIndex>(sp => sp.GetRequiredService<InMemoryPaperIndex>());
        services.AddSingleton<InMemoryRemotePaperLookup>();
        services.AddSingleton<IRemotePaperLookup>(sp => sp.GetRequiredService<InMemoryRemotePaperLookup>());
        services.AddSingleton<IPaperIngestor, PaperIngestor>();
        services.AddSingleton<PaperResolver>();
        services.AddSingleton<ISimilarityIndex, InMemorySimilarityIndex>();
        services.AddSingleton<Core.Commands.Unfurl.PaperCards>();
        services.AddSlackAdapter(config);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new SlackTestHost(provider, time);
    }

    /// <summary>Moves the fake clock forward in steps until <paramref name="condition"/> holds (for back-off waits).</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step, int maxSteps = 400)
    {
        // The condition may consume what it checks (a queue read), so it is evaluated once per step.
        var reached = condition();
        for (var i = 0; i < maxSteps && !reached; i++)
        {
            Time.Advance(step);
            await Task.Delay(25, TestContext.Current.CancellationToken);
            reached = condition();
        }

        Assert.True(reached, "condition not reached while advancing the fake clock");
    }

    public ValueTask DisposeAsync() => TestKit.FakeClockDisposal.DisposeAsync(_provider, Time);

    public void Dispose() => _provider.Dispose();
}
