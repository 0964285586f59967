using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Tests.Commands;

public sealed class CommandDispatcherTests
{
    private static readonly CommandContext Context = new(new ChannelAddress("console", "console", "c1"), "u1", CanManageChannel: false);

    private sealed class StubCommand(string name, Func<CancellationToken, ValueTask<CommandResult>> run, bool admin = false) : ICommand
    {
        public CommandSpec Spec { get; } = new(name, "Stub", [new ParameterSpec("text", "Text") { Rest = true }]) { RequiresChannelAdmin = admin };

        public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) => run(cancellationToken);
    }

    private static CommandDispatcher Dispatcher(params ICommand[] commands) =>
        new(new CommandCatalog(commands), Options.Create(new CommandOptions { Timeout = TimeSpan.FromMilliseconds(200) }), NullLogger<CommandDispatcher>.Instance, new FakeTimeProvider());

    [Fact]
    public async Task Dispatch_CommandThrows_ReturnsPrivateErrorWithReferenceAndNoStackTrace()
    {
        var dispatcher = Dispatcher(new StubCommand("boom", _ => throw new InvalidOperationException("secret internals at Foo.Bar()")));

        var reply = await dispatcher.DispatchAsync(new CommandInput.Text("boom", ""), Context, CancellationToken.None);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains(Context.CorrelationId, reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_UnknownCommand_SuggestsClosest()
    {
        var dispatcher = Dispatcher(new StubCommand("author", _ => ValueTask.FromResult(CommandResult.Ok(new Reply()))));

        var reply = await dispatcher.DispatchAsync(new CommandInput.Text("autor", ""), Context, CancellationToken.None);

        Assert.Contains("Did you mean `/author`", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_AdminCommandWithoutRight_IsRefusedServerSide()
    {
        var ran = false;
        var dispatcher = Dispatcher(new StubCommand("subscribe", _ =>
        {
            ran = true;
            return ValueTask.FromResult(CommandResult.Ok(new Reply()));
        }, admin: true));

        var reply = await dispatcher.DispatchAsync(new CommandInput.Text("subscribe", "x"), Context, CancellationToken.None);

        Assert.False(ran);
        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("manage the channel", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_SlowCommand_IsStoppedWithFriendlyReply()
    {
        var dispatcher = Dispatcher(new StubCommand("slow", async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return CommandResult.Ok(new Reply());
        }));

        var reply = await dispatcher.DispatchAsync(new CommandInput.Text("slow", ""), Context, CancellationToken.None);

        Assert.Contains("took too long", reply.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u202E\u200B")]
    public async Task Dispatch_EmptyCommand_AsksForOne(string name)
    {
        var reply = await Dispatcher().DispatchAsync(new CommandInput.Text(name, ""), Context, CancellationToken.None);
        Assert.Equal(ReplyKind.Error, reply.Kind);
    }
}
