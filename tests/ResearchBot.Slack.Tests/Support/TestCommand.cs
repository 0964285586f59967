using System.Collections.Immutable;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Replies;

namespace ResearchBot.Slack.Tests.Support;

/// <summary>A command whose behaviour the test supplies; counts its runs.</summary>
internal sealed class TestCommand(string name, bool quick, Func<CommandArguments, CancellationToken, Task<CommandResult>> run, bool admin = false) : ICommand
{
    private int _runs;

    public CommandSpec Spec { get; } = new(name, "test command " + name, [new ParameterSpec("text", "free text") { Rest = true }])
    {
        Quick = quick,
        RequiresChannelAdmin = admin,
    };

    public int Runs => Volatile.Read(ref _runs);

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return await run(arguments, cancellationToken);
    }

    /// <summary>Answers at once with the text in the channel.</summary>
    public static TestCommand Echo(string name = "echo") =>
        new(name, quick: true, (args, _) => Task.FromResult(CommandResult.Ok(new Reply { Body = "echo: " + (args.GetString("text") ?? "") })));

    /// <summary>Waits for <paramref name="gate"/> before answering.</summary>
    public static TestCommand Gated(string name, bool quick, TaskCompletionSource gate) =>
        new(name, quick, async (args, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return CommandResult.Ok(new Reply { Title = "done", Body = "slow: " + (args.GetString("text") ?? "") });
        });

    /// <summary>
    /// Blocks its thread for <paramref name="duration"/> without ever awaiting, as a command on Microsoft.Data.Sqlite
    /// does (its async methods complete synchronously).
    /// </summary>
    public static TestCommand Blocking(string name, bool quick, TimeSpan duration) =>
        new(name, quick, (args, _) =>
        {
            Thread.Sleep(duration);
            return Task.FromResult(CommandResult.Ok(new Reply { Title = "done", Body = "blocked: " + (args.GetString("text") ?? "") }));
        });

    public static ImmutableArray<ICommand> Set(params ICommand[] commands) => [.. commands];
}
