using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Commands;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests;

public sealed class DiscordBotServiceTests
{
    private sealed class CapturingProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(int Id, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((eventId.Id, formatter(state, exception)));

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Run_FatalCloseCode_StopsDiscordButNotTheHost()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        var logs = new CapturingProvider();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "a.b",
            ["Discord:ApplicationId"] = "42",
            ["Discord:ApiBaseUrl"] = server.ApiBase,
            ["Discord:GatewayUrl"] = server.GatewayUrl,
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<ICommand, PingCommand>();
        builder.Services.AddSingleton<CommandCatalog>();
        builder.Services.AddSingleton<CommandDispatcher>();
        builder.Services.AddSingleton<CommandRunner>();
        builder.Services.AddSingleton<Core.Commands.Actions.ActionHandler>();
        builder.Services.AddOptions<CommandOptions>();
        builder.Services.AddDiscordAdapter(config);
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        var put = await server.NextRequestAsync();
        Assert.Equal("/api/v10/applications/42/commands", put.Path);
        var socket = await server.NextSocketAsync();
        await socket.HelloAsync();
        await socket.ExpectAsync(GatewayOpCode.Identify);
        await socket.CloseAsync(4004);

        var service = host.Services.GetServices<IHostedService>().OfType<DiscordBotService>().Single();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Contains(logs.Entries, e => e.Id == 3008 && e.Message.Contains("4004", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Id == 3400 && e.Message.Contains("Discord:Token", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("a.b", StringComparison.Ordinal));
        Assert.True(await server.NoSocketWithinAsync(TimeSpan.FromMilliseconds(300)));

        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
