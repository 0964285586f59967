using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Tests.Commands;

/// <summary>Runs a command the way the dispatcher does for typed text: bind the arguments from the spec, then execute.</summary>
internal static class CommandHarness
{
    public static CommandContext Context { get; } = new(new ChannelAddress("console", "local", "test"), "tester", CanManageChannel: false);

    public static async Task<CommandResult> ExecuteAsync(ICommand command, string text)
    {
        var (arguments, error) = ArgumentBinder.BindText(command.Spec, text);
        Assert.True(error is null, $"binding \"{text}\" failed: {error}");
        return await command.ExecuteAsync(Context, arguments!, TestContext.Current.CancellationToken);
    }

    public static async Task<Reply> ReplyAsync(ICommand command, string text) => (await ExecuteAsync(command, text)).ToReply();

    /// <summary>The binder's complaint about <paramref name="text"/>, or null when it binds.</summary>
    public static string? BindError(ICommand command, string text) => ArgumentBinder.BindText(command.Spec, text).Error;
}
