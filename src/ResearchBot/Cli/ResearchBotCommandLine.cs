using System.CommandLine;
using System.CommandLine.Parsing;

namespace ResearchBot.Cli;

/// <summary>
/// The executable's command line, all in one place: the list of verbs, parsing (System.CommandLine: typed options,
/// generated <c>--help</c>), and the exit codes that usage errors get. Each verb's options and arguments are in its
/// <c>…Verb.Create()</c> next to this file; its work is a service of the feature project that owns it.
/// </summary>
internal static class ResearchBotCommandLine
{
    /// <summary>A usage error: the command line does not parse, or a value is out of range.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Response files (<c>@file</c>) are off: a word such as <c>@someone</c> in an <c>ask</c> command is text, not a file name.
    /// </summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>The verbs. <c>run</c> is also what the root command does when no verb is given.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "ResearchBot: a research assistant for Discord and Slack, or the console when neither is configured. "
            + "With no verb it runs the bot. Logs go to stderr, so stdout carries only answers. "
            + "Exit codes: 0 success, 1 failure, 2 usage error, 3 invalid configuration, 130 interrupted.");
        root.SetAction(RunBotAsync);
        var run = new Command(VerbRunner.DefaultVerb, "Start the bot (the default): Discord and/or Slack when configured, otherwise the console chat.");
        run.SetAction(RunBotAsync);
        root.Subcommands.Add(run);
        root.Subcommands.Add(AskVerb.Create());
        root.Subcommands.Add(ImportVerb.Create());
        root.Subcommands.Add(IngestVerb.Create());
        root.Subcommands.Add(DeliverVerb.Create());
        root.Subcommands.Add(EvalVerb.Create());
        root.Subcommands.Add(EmbedVerb.Create());
        root.Subcommands.Add(MigrateVerb.Create());
        root.Subcommands.Add(CopyVerb.Create());
        root.Subcommands.Add(Help(root));
        return root;
    }

    public static ParseResult Parse(RootCommand root, IReadOnlyList<string> args) => root.Parse(args, Parsing);

    /// <summary>Parses and runs the command line; a usage error prints one line on <paramref name="error"/> and returns 2.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var result = Parse(Create(), args);
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            await error.WriteLineAsync(ErrorLine(result));
            return UsageError;
        }

        // Ctrl-C is the runner's (first: a clean stop, second: the end), and exceptions keep their own way out.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        return await result.InvokeAsync(invocation, CancellationToken.None);
    }

    /// <summary>One line for every usage error: what is wrong, and where to read the usage.</summary>
    public static string ErrorLine(ParseResult result)
    {
        var command = result.CommandResult.Command;
        if (command is RootCommand && result.UnmatchedTokens is [var first, ..] && !first.StartsWith('-'))
        {
            return $"researchbot: unknown verb '{first}'. Run 'researchbot help' for the list.";
        }

        var name = command is RootCommand ? "researchbot" : "researchbot " + command.Name;
        return $"{name}: {string.Join(" ", result.Errors.Select(e => e.Message.TrimEnd()))} Run '{name} --help' for usage.";
    }

    /// <summary>The words after the verb, as the host was given them before (the root command: all of them).</summary>
    public static string[] Rest(ParseResult result)
    {
        var tokens = result.Tokens.Select(t => t.Value).ToArray();
        return result.CommandResult.Command is RootCommand || tokens.Length == 0 ? tokens : tokens[1..];
    }

    /// <summary>Refuses a value outside <paramref name="min"/>–<paramref name="max"/> with a usage error naming both.</summary>
    public static void InRange(Option<int> option, int min, int max) =>
        option.Validators.Add(r =>
        {
            // Only a value as typed (a default is in range); a word that is no number is the parser's error already.
            if (r.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && (value < min || value > max))
            {
                r.AddError($"{option.Name} must be between {min} and {max}, not {value}.");
            }
        });

    /// <summary>Refuses an option-like word (<c>--forever</c>) where an argument is expected: System.CommandLine would take it as the value.</summary>
    public static void NoOptionLikeWords(Argument<string?> argument) =>
        argument.Validators.Add(r =>
        {
            foreach (var token in r.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                r.AddError($"Unrecognized command or argument '{token.Value}'.");
            }
        });

    /// <summary>
    /// Makes a flag compulsory (<c>--once</c>): System.CommandLine's <c>Required</c> is met by a flag's implicit
    /// <c>false</c>, so the command checks that the flag was typed.
    /// </summary>
    public static void RequireFlag(Command command, Option<bool> flag, string why)
    {
        command.Options.Add(flag);
        command.Validators.Add(r =>
        {
            if (r.GetResult(flag) is null)
            {
                r.AddError($"{flag.Name} is required: {why}.");
            }
        });
    }

    private static Task<int> RunBotAsync(ParseResult result, CancellationToken cancellationToken) =>
        VerbRunner.RunAsync(VerbRunner.DefaultVerb, Rest(result), work: null, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);

    /// <summary><c>researchbot help [VERB]</c>: the same as <c>researchbot [VERB] --help</c>.</summary>
    private static Command Help(RootCommand root)
    {
        var verb = new Argument<string?>("VERB") { Description = "The verb to describe; all of them when left out", Arity = ArgumentArity.ZeroOrOne };
        var help = new Command("help", "List the verbs, or describe one (the same as --help).") { verb };
        help.SetAction((result, cancellationToken) =>
        {
            var named = result.GetValue(verb);
            if (named is not null && !root.Subcommands.Any(c => c.Name == named))
            {
                result.InvocationConfiguration.Error.WriteLine($"researchbot: unknown verb '{named}'. Run 'researchbot help' for the list.");
                return Task.FromResult(UsageError);
            }

            var again = Parse(root, named is null ? ["--help"] : [named, "--help"]);
            if (again.Errors.Count > 0 && again.Action is not { ClearsParseErrors: true })
            {
                result.InvocationConfiguration.Error.WriteLine(ErrorLine(again));
                return Task.FromResult(UsageError);
            }

            return again.InvokeAsync(result.InvocationConfiguration, cancellationToken);
        });
        return help;
    }
}
