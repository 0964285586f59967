using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Help;

/// <summary><c>/help [COMMAND]</c>: the command list, generated from the specs.</summary>
public sealed class HelpCommand(IServiceProvider services) : ICommand
{
    public CommandSpec Spec { get; } = new("help", "How to use ResearchBot: every command and its options",
        [new ParameterSpec("command", "A command to explain in detail") { Rest = true, MaxLength = 40, Example = "similar" }])
    {
        Quick = true,
    };

    public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<CommandCatalog>();
        var name = arguments.GetString("command")?.TrimStart('/');
        if (name is not null)
        {
            var command = catalog.Find(name);
            if (command is null)
            {
                var closest = catalog.Closest(name);
                return ValueTask.FromResult(CommandResult.Missing(closest is null
                    ? $"There is no command `/{name}`. `/help` lists them all."
                    : $"There is no command `/{name}`. Did you mean `/{closest}`?"));
            }

            return ValueTask.FromResult(CommandResult.Ok(HelpReplies.ForCommand(command.Spec)));
        }

        return ValueTask.FromResult(CommandResult.Ok(HelpReplies.Overview(catalog.Specs.ToImmutableArray())));
    }
}
