using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Health;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Discord.Tests.Fakes;

/// <summary>The Discord adapter wired against a <see cref="FakeDiscordServer"/> and a <see cref="FakeTimeProvider"/>.</summary>
public sealed class TestRig : IAsyncDisposable
{
    public const string Token = "test-token.abc";

    private TestRig(FakeDiscordServer server, bool ownsServer, FakeTimeProvider time, DiscordOptions options, ICommand[] commands)
    {
        Server = server;
        _ownsServer = ownsServer;
        Time = time;
        Options = options;
        var opts = Microsoft.Extensions.Options.Options.Create(options);
        // The REST client as the adapter registers it: the transport ring's pipeline on the fake clock.
        _services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time).AddSingleton(opts).AddDiscordRest()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Limiter = _services.GetRequiredService<DiscordRateLimiter>();
        Rest = _services.GetRequiredService<DiscordRestClient>();
        Api = _services.GetRequiredService<DiscordApi>();
        var catalog = new CommandCatalog(commands);
        Dispatcher = new CommandDispatcher(catalog, Microsoft.Extensions.Options.Options.Create(new CommandOptions { Timeout = TimeSpan.FromMinutes(5) }), NullLogger<CommandDispatcher>.Instance, time);
        Runner = new CommandRunner(Dispatcher, time, NullLogger<CommandRunner>.Instance);
        Handler = new InteractionHandler(Runner, new Core.Commands.Actions.ActionHandler(Runner, NullLogger<Core.Commands.Actions.ActionHandler>.Instance), new DiscordReplyRenderer(), Api, opts, NullLogger<InteractionHandler>.Instance);
        Tuning = new GatewayTuning { Random = () => 0, IdentifySpacing = TimeSpan.Zero };
        Gateway = new GatewayClient(opts, Api, Tuning, new ExponentialReconnectStrategy(TimeSpan.Zero, TimeSpan.Zero), new GatewayInteractionDispatcher(Handler, Api), time, GatewayLog, Readiness, new GatewayMetrics(MeterFactory));
    }

    private readonly ServiceProvider _services;
    private readonly bool _ownsServer;

    public ListLogger<GatewayClient> GatewayLog { get; } = new();
    public ReadinessRegistry Readiness { get; } = new([new ReadinessComponent(InteractionMapper.Platform)]);
    public IMeterFactory MeterFactory { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    public FakeDiscordServer Server { get; }
    public FakeTimeProvider Time { get; }
    public DiscordOptions Options { get; }
    public DiscordRateLimiter Limiter { get; }
    public DiscordRestClient Rest { get; }
    public DiscordApi Api { get; }
    public CommandDispatcher Dispatcher { get; }
    public CommandRunner Runner { get; }
    public InteractionHandler Handler { get; }
    public GatewayTuning Tuning { get; }
    public GatewayClient Gateway { get; }

    /// <summary>The first shard's session (an empty one until the gateway has started its shards).</summary>
    public GatewaySession Session => Gateway.Shards.Count > 0 ? Gateway.Shards[0].Session : new GatewaySession();

    public static async Task<TestRig> StartAsync(Action<DiscordOptions>? configure = null, params ICommand[] commands)
    {
        var time = NewClock();
        var server = await FakeDiscordServer.StartAsync(time.GetUtcNow);
        return Create(server, ownsServer: true, time, configure, commands);
    }

    /// <summary>Another bot process of the same application on an existing fake Discord (its own clock; the server is not disposed with it).</summary>
    public static TestRig StartOn(FakeDiscordServer server, Action<DiscordOptions>? configure = null, params ICommand[] commands) =>
        Create(server, ownsServer: false, NewClock(), configure, commands);

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static TestRig Create(FakeDiscordServer server, bool ownsServer, FakeTimeProvider time, Action<DiscordOptions>? configure, ICommand[] commands)
    {
        var options = new DiscordOptions { Token = Token, ApplicationId = "42", ApiBaseUrl = server.ApiBase };
        configure?.Invoke(options);
        return new TestRig(server, ownsServer, time, options, commands.Length == 0 ? [new PingCommand()] : commands);
    }

    /// <summary>Advances fake time in steps until <paramref name="task"/> completes (bounded; real waits stay tiny).</summary>
    public async Task<T> PumpAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 2000)
    {
        await PumpAsync((Task)task, step, maxSteps);
        return await task;
    }

    public async Task PumpAsync(Task task, TimeSpan step, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted)
            {
                Time.Advance(step);
            }
        }

        await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Polls a condition the client sets asynchronously (bounded real time).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached in time");
    }

    public async ValueTask DisposeAsync()
    {
        await TestKit.FakeClockDisposal.DisposeAsync(_services, Time);
        if (_ownsServer)
        {
            await Server.DisposeAsync();
        }
    }
}
