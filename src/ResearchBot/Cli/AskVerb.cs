using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResearchBot.ConsoleChat;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Cli;

/// <summary><c>researchbot ask "/author Kording" [--channel ID] [--user ID]</c>: one command, one answer, exit.</summary>
internal static class AskVerb
{
    public const string VerbName = "ask";

    /// <summary>How long a command runs before stderr says it is still working.</summary>
    internal static readonly TimeSpan StillWorkingAfter = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var words = new Argument<string[]>("COMMAND")
        {
            Description = "The bot command and its arguments, e.g. \"/author Kording\" (quoted or not).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var channel = NonEmpty(new Option<string>("--channel") { Description = "The console channel it is asked in [default: ConsoleChat:Channel, console]", HelpName = "ID" });
        var user = NonEmpty(new Option<string>("--user") { Description = "Who asks [default: ConsoleChat:User, you]", HelpName = "ID" });
        var command = new Command(VerbName, "Answer one command on the console platform and exit (exit 2 when the command was refused).") { words, channel, user };
        command.Validators.Add(r =>
        {
            if (r.GetValue(words) is not { Length: > 0 })
            {
                r.AddError("give a command, e.g. researchbot ask \"/author Kording\".");
            }
        });
        command.SetAction((result, _) => VerbRunner.RunAsync(VerbName, ResearchBotCommandLine.Rest(result), (services, output, error, ct) =>
            AskAsync(services, string.Join(' ', result.GetValue(words) ?? []), result.GetValue(channel), result.GetValue(user), output, error, ct),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static Option<string> NonEmpty(Option<string> option)
    {
        option.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError($"{option.Name} needs a value.");
            }
        });
        return option;
    }

    private static async Task<int> AskAsync(IServiceProvider services, string line, string? channel, string? user, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<ConsoleChatOptions>>().Value;
        if (CommandLine.Parse(line) is not { } input)
        {
            await error.WriteLineAsync("researchbot ask: give a command, e.g. researchbot ask \"/author Kording\".");
            return 2;
        }

        var context = new CommandContext(new ChannelAddress(ConsoleChatOptions.Platform, ConsoleChatOptions.Workspace, channel ?? options.Channel), user ?? options.User, CanManageChannel: true);
        var run = await services.GetRequiredService<CommandRunner>().StartPatientlyAsync(input, context, StillWorkingAfter, cancellationToken);
        if (run is CommandRun.Deferred && !cancellationToken.IsCancellationRequested)
        {
            // Which command is slow, and why, is not this adapter's to know (a first /similar after an import builds its index).
            await error.WriteLineAsync("researchbot ask: still working…");
        }

        var reply = await run.ReplyAsync();
        if (reply.Kind == ReplyKind.Error)
        {
            await error.WriteLineAsync("researchbot ask: " + (reply.Body ?? reply.Title ?? "the command was refused").ReplaceLineEndings(" "));
            return 2;
        }

        await services.GetRequiredService<ConsoleReplyWriter>().WriteAsync(reply, output, cancellationToken);
        return 0;
    }
}
