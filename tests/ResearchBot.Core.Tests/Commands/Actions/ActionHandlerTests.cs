using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Tests.Commands.Actions;

public sealed class ActionHandlerTests
{
    private sealed class WhereCommand : ICommand
    {
        public CommandSpec Spec { get; } = new("where", "Says where it ran", [new ParameterSpec("text", "Text") { Rest = true }]) { Quick = true };

        public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CommandResult.Ok(new Reply { Body = $"{context.Channel} {context.UserId} {arguments.GetString("text")}" }));
    }

    private static ActionHandler Handler()
    {
        var dispatcher = new CommandDispatcher(new CommandCatalog([new WhereCommand()]), Options.Create(new CommandOptions()), NullLogger<CommandDispatcher>.Instance, TimeProvider.System);
        return new ActionHandler(new CommandRunner(dispatcher, TimeProvider.System, NullLogger<CommandRunner>.Instance), NullLogger<ActionHandler>.Instance);
    }

    private static readonly CommandContext Clicker = new(new ChannelAddress("discord", "G2", "C2"), "U2", CanManageChannel: false);

    [Fact]
    public async Task Start_ValidPayload_RunsTheCommandInTheClickersChannelAndKeepsItsTarget()
    {
        var click = await Handler().StartAsync("rb1:u:where page two", Clicker, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(ActionTarget.UpdateMessage, click.Target);
        Assert.Equal("discord:G2/C2 U2 page two", Assert.IsType<CommandRun.Answered>(click.Run).Reply.Body);
    }

    [Theory]
    [InlineData("rb1:u:where x\u0007")]
    [InlineData("rb9:n:where x")]
    [InlineData("{\"custom_id\":1}")]
    [InlineData(null)]
    public async Task Start_TamperedPayload_PrivateOneLineAnswer(string? payload)
    {
        var click = await Handler().StartAsync(payload, Clicker, TimeSpan.FromSeconds(2), CancellationToken.None);

        var reply = Assert.IsType<CommandRun.Answered>(click.Run).Reply;
        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal(ActionHandler.Expired, reply.Body);
        Assert.Equal(ActionTarget.NewMessage, click.Target);
    }

    [Fact]
    public async Task Start_PayloadNamingAnUnknownCommand_IsAnErrorNotACrash()
    {
        var click = await Handler().StartAsync("rb1:n:dropdatabase now", Clicker, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(ReplyKind.Error, Assert.IsType<CommandRun.Answered>(click.Run).Reply.Kind);
    }
}
