using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Tests.Commands;

public sealed class CommandRunnerTests
{
    private static readonly CommandContext Context = new(new ChannelAddress("console", "console", "c1"), "u1", CanManageChannel: true);

    private sealed class StubCommand(string name, bool quick, Func<CancellationToken, ValueTask<CommandResult>> run) : ICommand, ICommandAutocomplete
    {
        public CommandSpec Spec { get; } = new(name, "Stub", [new ParameterSpec("text", "Text") { Rest = true }]) { Quick = quick };

        public Func<string, IReadOnlyList<string>> Complete { get; init; } = _ => [];

        public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) => run(cancellationToken);

        public ValueTask<IReadOnlyList<string>> CompleteAsync(string parameter, string partial, CommandContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Complete(partial));
    }

    /// <summary>Blocks its thread, never awaiting: what a command over Microsoft.Data.Sqlite does.</summary>
    private static StubCommand Blocking(string name, bool quick, TimeSpan duration) =>
        new(name, quick, _ =>
        {
            Thread.Sleep(duration);
            return ValueTask.FromResult(CommandResult.Ok(new Reply { Body = "done " + name }));
        });

    private static StubCommand Instant(string name, bool quick) =>
        new(name, quick, _ => ValueTask.FromResult(CommandResult.Ok(new Reply { Body = "instant " + name })));

    private static CommandRunner Runner(TimeProvider time, params ICommand[] commands) =>
        new(new CommandDispatcher(new CommandCatalog(commands), Options.Create(new CommandOptions { Timeout = TimeSpan.FromMinutes(1) }), NullLogger<CommandDispatcher>.Instance, time), time, NullLogger<CommandRunner>.Instance);

    [Fact]
    public async Task Start_CommandBlockingItsThread_ReturnsDeferredAtOnceThenCompletes()
    {
        var runner = Runner(TimeProvider.System, Blocking("search", quick: false, TimeSpan.FromSeconds(2)));
        var clock = Stopwatch.StartNew();

        var run = await runner.StartAsync(new CommandInput.Text("search", "x"), Context, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(300), $"returned after {clock.Elapsed.TotalMilliseconds} ms");
        var deferred = Assert.IsType<CommandRun.Deferred>(run);
        Assert.Equal(Context.CorrelationId, deferred.CorrelationId);
        Assert.Equal("done search", (await deferred.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Body);
    }

    [Fact]
    public async Task Start_QuickCommandWithinBudget_IsAnswered()
    {
        var runner = Runner(TimeProvider.System, Instant("help", quick: true));

        var run = await runner.StartAsync(new CommandInput.Text("/HELP", ""), Context, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal("instant help", Assert.IsType<CommandRun.Answered>(run).Reply.Body);
    }

    [Fact]
    public async Task Start_QuickCommandBlockingPastBudget_IsDeferredWhenTheBudgetRunsOut()
    {
        var time = new FakeTimeProvider();
        var runner = Runner(time, Blocking("search", quick: true, TimeSpan.FromSeconds(2)));

        var starting = runner.StartAsync(new CommandInput.Text("search", "x"), Context, TimeSpan.FromSeconds(1), CancellationToken.None);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(starting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var run = await starting.WaitAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        var deferred = Assert.IsType<CommandRun.Deferred>(run);
        Assert.Equal("done search", (await deferred.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Body);
    }

    [Fact]
    public async Task Start_SlowCommandNotQuick_IsDeferredEvenWithALargeBudget()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = Runner(TimeProvider.System, new StubCommand("similar", quick: false, async ct =>
        {
            await gate.Task.WaitAsync(ct);
            return CommandResult.Ok(new Reply { Body = "similar" });
        }));

        var run = await runner.StartAsync(new CommandInput.Text("similar", "x"), Context, TimeSpan.FromMinutes(1), CancellationToken.None);

        var deferred = Assert.IsType<CommandRun.Deferred>(run);
        gate.SetResult();
        Assert.Equal("similar", (await deferred.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Body);
    }

    [Fact]
    public async Task Start_InstantCommandNotQuick_IsDeferredEvenWhenAlreadyDone()
    {
        var runner = Runner(TimeProvider.System, Instant("similar", quick: false));

        for (var i = 0; i < 20; i++)
        {
            var run = await runner.StartAsync(new CommandInput.Text("similar", "x"), Context, TimeSpan.FromSeconds(2), CancellationToken.None);

            Assert.Equal("instant similar", (await Assert.IsType<CommandRun.Deferred>(run).Completion).Body);
        }
    }

    [Fact]
    public async Task StartPatiently_SlowCommandNotQuick_IsAnsweredWhenItFinishesWithinPatience()
    {
        var runner = Runner(TimeProvider.System, Instant("similar", quick: false));

        var run = await runner.StartPatientlyAsync(new CommandInput.Text("similar", "x"), Context, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal("instant similar", Assert.IsType<CommandRun.Answered>(run).Reply.Body);
    }

    [Fact]
    public async Task Start_UnknownCommand_AnsweredWithTheDispatchersError()
    {
        var runner = Runner(TimeProvider.System, Instant("author", quick: false));

        var run = await runner.StartAsync(new CommandInput.Text("auhtor", "x"), Context, TimeSpan.FromSeconds(2), CancellationToken.None);

        var reply = Assert.IsType<CommandRun.Answered>(run).Reply;
        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("/author", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WorkThatThrows_BecomesAnErrorReplyWithTheCorrelationId()
    {
        var runner = Runner(TimeProvider.System);

        var run = await runner.StartAsync(_ => throw new InvalidOperationException("internals at Foo.Bar()"), TimeSpan.FromSeconds(2), "ref123", CancellationToken.None);

        var reply = Assert.IsType<CommandRun.Answered>(run).Reply;
        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("ref123", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("internals", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_CompleterBlockingPastBudget_ReturnsNothingWhenTheBudgetRunsOut()
    {
        var time = new FakeTimeProvider();
        var runner = Runner(time, new StubCommand("author", quick: true, _ => ValueTask.FromResult(CommandResult.Ok(new Reply())))
        {
            Complete = partial =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(2));
                return [partial + " Kording"];
            },
        });

        var completing = runner.CompleteAsync("author", "name", "Konrad", Context, TimeSpan.FromMilliseconds(500), CancellationToken.None);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(completing.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Empty(await completing.WaitAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Complete_CompleterWithinBudget_ReturnsItsChoices()
    {
        var runner = Runner(TimeProvider.System, new StubCommand("author", quick: true, _ => ValueTask.FromResult(CommandResult.Ok(new Reply())))
        {
            Complete = partial => [partial + " Kording"],
        });

        var choices = await runner.CompleteAsync("author", "name", "Konrad", Context, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(["Konrad Kording"], choices);
    }
}
