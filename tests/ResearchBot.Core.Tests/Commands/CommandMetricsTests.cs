using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Core.Tests.Commands;

public sealed class CommandMetricsTests : IDisposable
{
    private static readonly CommandContext Slack = new(new ChannelAddress("slack", "T1", "C1"), "u1", CanManageChannel: false);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly MetricCollector<long> _count;
    private readonly MetricCollector<double> _duration;

    public CommandMetricsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _count = new MetricCollector<long>(factory, ResearchBotMeter.Name, "researchbot.commands");
        _duration = new MetricCollector<double>(factory, ResearchBotMeter.Name, "researchbot.command.duration");
    }

    private sealed class StubCommand(string name, Func<FakeTimeProvider, CancellationToken, ValueTask<CommandResult>> run, bool admin = false) : ICommand
    {
        public FakeTimeProvider? Time { get; set; }

        public CommandSpec Spec { get; } = new(name, "Stub", [new ParameterSpec("text", "Text") { Required = false, Rest = true }]) { RequiresChannelAdmin = admin };

        public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) => run(Time!, cancellationToken);
    }

    private CommandDispatcher Dispatcher(params StubCommand[] commands) => Dispatcher(TimeSpan.FromSeconds(30), commands);

    private CommandDispatcher Dispatcher(TimeSpan timeout, params StubCommand[] commands)
    {
        foreach (var c in commands)
        {
            c.Time = _time;
        }

        return new(new CommandCatalog(commands), Options.Create(new CommandOptions { Timeout = timeout }), NullLogger<CommandDispatcher>.Instance, _time,
            new CommandMetrics(_services.GetRequiredService<IMeterFactory>()));
    }

    [Fact]
    public async Task Dispatch_Ok_CountsOnceAndRecordsDurationInSecondsWithCommandPlatformAndOutcome()
    {
        var dispatcher = Dispatcher(new StubCommand("paper", (time, _) =>
        {
            time.Advance(TimeSpan.FromMilliseconds(1500));
            return ValueTask.FromResult(CommandResult.Ok(new Reply { Body = "hi" }));
        }));

        await dispatcher.DispatchAsync(new CommandInput.Text("paper", "x"), Slack, CancellationToken.None);

        var count = Assert.Single(_count.GetMeasurementSnapshot());
        Assert.Equal(1, count.Value);
        Assert.Equal("paper", count.Tags["command"]);
        Assert.Equal("slack", count.Tags["platform"]);
        Assert.Equal("ok", count.Tags["outcome"]);
        var duration = Assert.Single(_duration.GetMeasurementSnapshot());
        Assert.Equal(1.5, duration.Value, 3);
        Assert.Equal("ok", duration.Tags["outcome"]);
        Assert.Equal("s", _duration.Instrument!.Unit);
    }

    [Fact]
    public async Task Dispatch_EachOutcome_IsTaggedByWhatHappened()
    {
        var dispatcher = Dispatcher(
            new StubCommand("usage", (_, _) => ValueTask.FromResult(CommandResult.Usage("say more"))),
            new StubCommand("missing", (_, _) => ValueTask.FromResult(CommandResult.Missing("nothing"))),
            new StubCommand("boom", (_, _) => throw new InvalidOperationException("bug")),
            new StubCommand("admin", (_, _) => ValueTask.FromResult(CommandResult.Ok(new Reply())), admin: true));

        foreach (var name in new[] { "usage", "missing", "boom", "admin", "nosuchcommand" })
        {
            await dispatcher.DispatchAsync(new CommandInput.Text(name, ""), Slack, CancellationToken.None);
        }

        var seen = _count.GetMeasurementSnapshot().Select(m => $"{m.Tags["command"]}={m.Tags["outcome"]}").ToList();
        Assert.Equal(["usage=usage_error", "missing=not_found", "boom=error", "admin=refused", "unknown=unknown_command"], seen);
    }

    [Fact]
    public async Task Dispatch_CommandOverItsTimeLimit_CountsATimeout()
    {
        var dispatcher = Dispatcher(TimeSpan.FromMilliseconds(100), new StubCommand("slow", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return CommandResult.Ok(new Reply());
        }));

        await dispatcher.DispatchAsync(new CommandInput.Text("slow", ""), Slack, CancellationToken.None);

        var count = Assert.Single(_count.GetMeasurementSnapshot());
        Assert.Equal("timeout", count.Tags["outcome"]);
    }

    [Fact]
    public async Task Dispatch_UnknownName_NeverBecomesATagValue()
    {
        var dispatcher = Dispatcher(new StubCommand("paper", (_, _) => ValueTask.FromResult(CommandResult.Ok(new Reply()))));

        await dispatcher.DispatchAsync(new CommandInput.Text("/x" + new string('z', 500), ""), Slack, CancellationToken.None);

        Assert.Equal(CommandMetrics.UnknownCommandTag, Assert.Single(_count.GetMeasurementSnapshot()).Tags["command"]);
    }

    public void Dispose()
    {
        _count.Dispose();
        _duration.Dispose();
        _services.Dispose();
    }
}
