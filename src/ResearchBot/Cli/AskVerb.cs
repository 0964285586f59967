using Microsoft.Extensions.Options;
using ResearchBot.ConsoleChat;
using ResearchBot.Core.Cli;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Cli;

/// <summary><c>researchbot ask "/author Kording" [--channel ID] [--user ID]</c>: one command, one answer, exit.</summary>
internal sealed class AskVerb(CommandRunner runner, ConsoleReplyWriter writer, IOptions<ConsoleChatOptions> options) : ICliVerb
{
    public const string VerbName = "ask";

    /// <summary>How long a command runs before stderr says it is still working.</summary>
    internal static readonly TimeSpan StillWorkingAfter = TimeSpan.FromSeconds(3);

    public string Name => VerbName;

    public string Summary => "Answer one command on the console platform and exit (exit 2 when the command was refused).";

    public string Usage => "ask \"/COMMAND ARGS\" [--channel ID] [--user ID]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var channel = options.Value.Channel;
        var user = options.Value.User;
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--channel" or "--user" when i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]):
                    await error.WriteLineAsync($"researchbot ask: {args[i]} needs a value. Usage: researchbot {Usage}");
                    return 2;
                case "--channel":
                    channel = args[++i];
                    break;
                case "--user":
                    user = args[++i];
                    break;
                default:
                    words.Add(args[i]);
                    break;
            }
        }

        if (CommandLine.Parse(string.Join(' ', words)) is not { } input)
        {
            await error.WriteLineAsync($"researchbot ask: give a command, e.g. researchbot ask \"/author Kording\". Usage: researchbot {Usage}");
            return 2;
        }

        var context = new CommandContext(new ChannelAddress(ConsoleChatOptions.Platform, ConsoleChatOptions.Workspace, channel), user, CanManageChannel: true);
        var run = await runner.StartPatientlyAsync(input, context, StillWorkingAfter, cancellationToken);
        if (run is CommandRun.Deferred && !cancellationToken.IsCancellationRequested)
        {
            // Which command is slow, and why, is not this adapter's to know (a first /similar after an import builds its index).
            await error.WriteLineAsync("researchbot ask: still working…");
        }

        var reply = run switch
        {
            CommandRun.Answered answered => answered.Reply,
            CommandRun.Deferred deferred => await deferred.Completion,
            _ => throw new InvalidOperationException("Unknown run " + run.GetType().Name),
        };
        if (reply.Kind == ReplyKind.Error)
        {
            await error.WriteLineAsync("researchbot ask: " + (reply.Body ?? reply.Title ?? "the command was refused").ReplaceLineEndings(" "));
            return 2;
        }

        await writer.WriteAsync(reply, output, cancellationToken);
        return 0;
    }
}
